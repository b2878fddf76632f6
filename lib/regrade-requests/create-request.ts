import { and, count, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments, enrolments, regradeRequests, submissions, type RegradeRequest } from "../db/schema";
import { getStudentPolicy } from "../courses/student-policy";
import { AppError } from "../errors";
import { hitRateLimit } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { scoresReleased } from "../scoring/release";
import { isUniqueViolation } from "../submissions/lifecycle";
import { MAX_OPEN_REQUESTS_PER_STUDENT, REGRADE_REQUEST_RATE, RegradeMessageSchema } from "./rules";

export interface NewRegradeRequest {
  courseId: string;
  /** The student asking: only the owner of the submission may. */
  userId: string;
  submissionId: string;
  message: string;
  now?: Date;
}

/**
 * A student asks staff to review one of their graded Submits. Refused: another's submission or another
 * course's (NOT_FOUND), a Run or a Submit not graded, scores the student cannot see yet (the assessment's
 * release policy with their own due date), a second open request on the submission and more than
 * MAX_OPEN_REQUESTS_PER_STUDENT open in the course (CONFLICT), too many in a short time (RATE_LIMITED).
 * The caller checks the "request-regrade" permission.
 */
export async function createRegradeRequest(db: Db, input: NewRegradeRequest): Promise<RegradeRequest> {
  const now = input.now ?? new Date();
  const message = RegradeMessageSchema.parse(input.message);
  const [row] = await db
    .select({ submission: submissions, assessment: assessments })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .where(and(eq(submissions.id, input.submissionId), eq(assignments.courseId, input.courseId), eq(submissions.userId, input.userId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such submission.");
  const { submission, assessment } = row;
  if (submission.mode !== "submit") throw new AppError("FORBIDDEN", "A Run is not graded for the record: ask for a review of a Submit.");
  if (submission.status !== "graded") throw new AppError("FORBIDDEN", "Only a graded Submit can be reviewed.");
  const policy = await getStudentPolicy(db, assessment, input.userId);
  if (!scoresReleased({ releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt, dueAt: policy.dueAt }, now)) {
    throw new AppError("FORBIDDEN", "The scores of this assessment are not released yet: you can ask for a review once they are.");
  }
  const open = await findOpenRequest(db, submission.id);
  if (open) throw new AppError("CONFLICT", "You have already asked for a review of this Submit: staff will answer it.");

  const rate = await hitRateLimit(db, `regrade-request:${input.userId}`, REGRADE_REQUEST_RATE, now);
  if (!rate.allowed) {
    const reason = `Too many review requests (${REGRADE_REQUEST_RATE.limit} in ${REGRADE_REQUEST_RATE.windowMs / 60_000} minutes).`;
    throw new AppError("RATE_LIMITED", retryMessage(reason, rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
  }

  try {
    return await db.transaction(async (tx) => {
      // The student's enrolment row, locked: two requests at once cannot both slip under the limit.
      await tx
        .select({ userId: enrolments.userId })
        .from(enrolments)
        .where(and(eq(enrolments.courseId, input.courseId), eq(enrolments.userId, input.userId)))
        .for("update");
      const [counted] = await tx
        .select({ n: count() })
        .from(regradeRequests)
        .where(and(eq(regradeRequests.courseId, input.courseId), eq(regradeRequests.userId, input.userId), eq(regradeRequests.status, "open")));
      if (Number(counted?.n ?? 0) >= MAX_OPEN_REQUESTS_PER_STUDENT) {
        throw new AppError("CONFLICT", `You have ${MAX_OPEN_REQUESTS_PER_STUDENT} open review requests in this course: wait for answers before you ask again.`);
      }
      const [created] = await tx
        .insert(regradeRequests)
        .values({ submissionId: submission.id, userId: input.userId, assignmentId: submission.assignmentId!, courseId: input.courseId, message, createdAt: now })
        .returning();
      return created!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "You have already asked for a review of this Submit: staff will answer it.", { cause: error });
    throw error;
  }
}

async function findOpenRequest(db: Db, submissionId: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: regradeRequests.id })
    .from(regradeRequests)
    .where(and(eq(regradeRequests.submissionId, submissionId), eq(regradeRequests.status, "open")))
    .limit(1);
  return row ?? null;
}
