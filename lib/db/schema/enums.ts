import { pgEnum } from "drizzle-orm/pg-core";

export const courseRole = pgEnum("course_role", ["student", "ta", "instructor"]);
export const exerciseKind = pgEnum("exercise_kind", ["code", "quiz", "model"]);
/** When a quiz question's explanation reaches the student; an assignment without one uses its attempt limit's default. */
export const explanationRelease = pgEnum("explanation_release", ["after_attempt", "after_close"]);
export const latePolicyKind = pgEnum("late_policy_kind", ["none", "penalty"]);
export const submissionMode = pgEnum("submission_mode", ["run", "submit"]);
export const submissionStatus = pgEnum("submission_status", ["queued", "running", "graded", "error"]);
