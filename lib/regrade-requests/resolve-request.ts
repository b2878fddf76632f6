import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { regradeRequests, submissions, users, type RegradeRequest } from "../db/schema";
import { AppError } from "../errors";
import { overrideSubmissionScore } from "../overrides/override-submission";
import { attemptScore } from "../scoring/attempt-score";
import { RegradeResponseSchema } from "./rules";

export interface RegradeResolution {
  courseId: string;
  requestId: string;
  /** The staff member answering; the caller checks the "resolve-regrade-requests" permission. */
  actorId: string;
  response: string;
  /** A new score for the Submit, 0..1 (an override, audited); null keeps the score as it is. */
  newScore: number | null;
  now?: Date;
}

/**
 * Staff answer a regrade request, in one transaction: the request row locked, the new score (if any)
 * written through overrideSubmissionScore (its audit row and the counted-score report), the scores
 * before and after recorded on the request. NOT_FOUND for a request of another course; CONFLICT when
 * it was answered already (by a colleague a moment ago, say).
 */
export async function resolveRegradeRequest(db: Db, input: RegradeResolution): Promise<RegradeRequest> {
  const response = RegradeResponseSchema.parse(input.response);
  if (input.newScore !== null && !(input.newScore >= 0 && input.newScore <= 1)) throw new AppError("INVALID_INPUT", "The new score must be from 0 to 100 %.");
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(regradeRequests)
      .where(and(eq(regradeRequests.id, input.requestId), eq(regradeRequests.courseId, input.courseId)))
      .for("update");
    if (!request) throw new AppError("NOT_FOUND", "No such regrade request in this course.");
    if (request.status === "resolved") {
      const [by] = request.resolvedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, request.resolvedBy)) : [];
      throw new AppError("CONFLICT", `This request was resolved already${by ? ` by ${by.name}` : ""}.`);
    }
    let scores: { previousScore: number | null; newScore: number | null };
    if (input.newScore === null) {
      const [submission] = await tx.select().from(submissions).where(eq(submissions.id, request.submissionId));
      const kept = submission ? attemptScore(submission) : null;
      scores = { previousScore: kept, newScore: kept };
    } else {
      scores = await overrideSubmissionScore(tx, {
        courseId: input.courseId,
        submissionId: request.submissionId,
        score: input.newScore,
        comment: `Regrade request: ${response}`,
        actorId: input.actorId,
      });
    }
    const [resolved] = await tx
      .update(regradeRequests)
      .set({ status: "resolved", response, resolvedBy: input.actorId, resolvedAt: input.now ?? new Date(), ...scores })
      .where(eq(regradeRequests.id, request.id))
      .returning();
    return resolved!;
  });
}
