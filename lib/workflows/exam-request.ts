import { z } from "zod";
import type { Db } from "../db";
import type { Assessment, User } from "../db/schema";
import type { CourseMembership } from "../courses/courses";
import { can } from "../auth/permissions";
import { AppError } from "../errors";
import { startAssessment } from "../exams/attempts";
import type { ExamState } from "../exams/state";
import { closeAtTimeUp, finishAssessment, getExamStateClosingIfDue } from "./exam-close";

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
  // Timed work is a student's own: staff have no clock.
  if (!can(membership, "submit-as-student") || assessment.courseId !== membership.course.id) throw new AppError("NOT_FOUND", "No such assessment.");
  switch (request.action) {
    case "start":
      await startAssessment(db, { user, membership, assessment, accessCode: request.accessCode, now });
      return getExamStateClosingIfDue(db, { assessment, userId: user.id, now });
    case "finish":
      return finishAssessment(db, { assessment, userId: user.id, now });
    case "time_up":
      return closeAtTimeUp(db, { assessment, userId: user.id, now });
  }
}
