import { z } from "zod";
import type { Db } from "../db";
import type { Assessment, User } from "../db/schema";
import type { CourseMembership } from "../courses/courses";
import { closeAtTimeUp, finishAssessment, startAssessment } from "./attempts";
import type { ExamState } from "./state";

/** What the assessment page and the countdown ask of the server. */
export const ExamRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start"), accessCode: z.string().max(200).optional() }).strict(),
  z.object({ action: z.literal("finish") }).strict(),
  z.object({ action: z.literal("time_up") }).strict(),
]);
export type ExamRequest = z.infer<typeof ExamRequestSchema>;

export interface ExamRequestContext {
  user: User;
  membership: CourseMembership;
  assessment: Assessment;
  now: Date;
}

/** Starts, finishes or closes (at zero) the student's timed work; returns the state after it. */
export async function handleExamRequest(db: Db, context: ExamRequestContext, request: ExamRequest): Promise<ExamState> {
  const { user, membership, assessment, now } = context;
  switch (request.action) {
    case "start":
      return startAssessment(db, { user, membership, assessment, accessCode: request.accessCode, now });
    case "finish":
      return finishAssessment(db, { assessment, userId: user.id, now });
    case "time_up":
      return closeAtTimeUp(db, { assessment, userId: user.id, now });
  }
}
