import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { regradeRequests, users } from "../db/schema";
import { getCourseAssessment } from "../courses/assessments";
import { getStudentPolicy } from "../courses/student-policy";
import { scoresReleased } from "../scoring/release";

/** A request as its student sees it: their message, and staff's answer once there is one. */
export interface OwnRegradeRequest {
  id: string;
  status: "open" | "resolved";
  message: string;
  createdAt: string;
  response: string | null;
  resolverName: string | null;
  resolvedAt: string | null;
  previousScore: number | null;
  newScore: number | null;
}

export interface OwnRegradeState {
  /** Whether the student may ask now: their scores on the assessment are released. */
  mayAsk: boolean;
  /** Requests by submission id, newest first. */
  bySubmission: Record<string, OwnRegradeRequest[]>;
}

/**
 * The student's own regrade requests on the given Submits, and whether they may ask for more (the
 * assessment's scores are released to them). Plain data: it goes to the exercise page's components.
 */
export async function getOwnRegradeState(
  db: Db,
  input: { userId: string; courseId: string; assessmentId: string; submissionIds: string[]; now: Date },
): Promise<OwnRegradeState> {
  const assessment = await getCourseAssessment(db, input.courseId, input.assessmentId);
  const policy = await getStudentPolicy(db, assessment, input.userId);
  const mayAsk = scoresReleased({ releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt, dueAt: policy.dueAt }, input.now);
  if (input.submissionIds.length === 0) return { mayAsk, bySubmission: {} };
  const rows = await db
    .select({ request: regradeRequests, resolverName: users.name })
    .from(regradeRequests)
    .leftJoin(users, eq(users.id, regradeRequests.resolvedBy))
    .where(and(eq(regradeRequests.userId, input.userId), inArray(regradeRequests.submissionId, input.submissionIds)))
    .orderBy(desc(regradeRequests.createdAt));
  const bySubmission: Record<string, OwnRegradeRequest[]> = {};
  for (const { request, resolverName } of rows) {
    (bySubmission[request.submissionId] ??= []).push({
      id: request.id,
      status: request.status,
      message: request.message,
      createdAt: request.createdAt.toISOString(),
      response: request.response,
      resolverName: request.status === "resolved" ? (resolverName ?? "a former member of staff") : null,
      resolvedAt: request.resolvedAt?.toISOString() ?? null,
      previousScore: request.previousScore,
      newScore: request.newScore,
    });
  }
  return { mayAsk, bySubmission };
}
