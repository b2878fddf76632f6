import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { regradeRequests, submissions, users } from "../db/schema";
import { getCourseAssessment } from "../courses/assessments";
import { getStudentPolicy } from "../courses/student-policy";
import { penalizedScore, type LatePolicy } from "../scoring/late-policy";
import { scoresReleased } from "../scoring/release";

/**
 * A request as its student sees it: their message, and staff's answer once there is one. While the
 * assessment's scores are held back (release policy) an answered request says only that it was
 * answered: no response, no scores, like every other score on the page.
 */
export interface OwnRegradeRequest {
  id: string;
  status: "open" | "resolved";
  message: string;
  createdAt: string;
  response: string | null;
  resolverName: string | null;
  resolvedAt: string | null;
  /** Resolved, but the scores are held back: response and scores come with the release. */
  answerHeld: boolean;
  previousScore: number | null;
  newScore: number | null;
  /** What the new score counts as after the student's late penalty on this Submit; null when that is the new score itself. */
  newScoreCounted: number | null;
}

export interface OwnRegradeState {
  /** Whether the student's scores on the assessment are released to them (their own due date): they may ask, and answers show. */
  mayAsk: boolean;
  /** Requests by submission id, newest first. */
  bySubmission: Record<string, OwnRegradeRequest[]>;
}

/**
 * The student's own regrade requests on the given Submits, and whether they may ask for more (the
 * assessment's scores are released to them). Answers are held back with the scores. Plain data: it goes
 * to the exercise page's components.
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
    .select({ request: regradeRequests, resolverName: users.name, submittedAt: submissions.createdAt })
    .from(regradeRequests)
    .innerJoin(submissions, eq(submissions.id, regradeRequests.submissionId))
    .leftJoin(users, eq(users.id, regradeRequests.resolvedBy))
    .where(and(eq(regradeRequests.userId, input.userId), inArray(regradeRequests.submissionId, input.submissionIds)))
    .orderBy(desc(regradeRequests.createdAt));
  const bySubmission: Record<string, OwnRegradeRequest[]> = {};
  for (const { request, resolverName, submittedAt } of rows) {
    const shown = mayAsk && request.status === "resolved";
    (bySubmission[request.submissionId] ??= []).push({
      id: request.id,
      status: request.status,
      message: request.message,
      createdAt: request.createdAt.toISOString(),
      response: shown ? request.response : null,
      resolverName: request.status === "resolved" ? (resolverName ?? "a former member of staff") : null,
      resolvedAt: request.resolvedAt?.toISOString() ?? null,
      answerHeld: request.status === "resolved" && !mayAsk,
      previousScore: shown ? request.previousScore : null,
      newScore: shown ? request.newScore : null,
      newScoreCounted: shown ? countedIfPenalized(policy, submittedAt, request.newScore) : null,
    });
  }
  return { mayAsk, bySubmission };
}

/** The new score after the late penalty of a Submit made at `submittedAt`, when the penalty changes it; null otherwise. */
function countedIfPenalized(policy: LatePolicy, submittedAt: Date, newScore: number | null): number | null {
  const counted = penalizedScore(policy, { submittedAt, score: newScore });
  return counted === null || newScore === null || Math.abs(counted - newScore) < 1e-9 ? null : counted;
}
