import { pgEnum } from "drizzle-orm/pg-core";

export const courseRole = pgEnum("course_role", ["student", "ta", "instructor"]);
export const exerciseKind = pgEnum("exercise_kind", ["code", "quiz", "model"]);
/** When a quiz question's explanation reaches the student; an assignment without one uses its attempt limit's default. */
export const explanationRelease = pgEnum("explanation_release", ["after_attempt", "after_close"]);
export const latePolicyKind = pgEnum("late_policy_kind", ["none", "penalty"]);
export const submissionMode = pgEnum("submission_mode", ["run", "submit"]);
export const submissionStatus = pgEnum("submission_status", ["queued", "running", "graded", "error"]);
/** When a student sees the scores and feedback of an assessment's Submits. */
export const releasePolicy = pgEnum("release_policy", ["immediately", "after_due", "manual"]);
/** How much of the hidden tests a student sees before release: names and hints, names only, or nothing. */
export const hiddenTestDetail = pgEnum("hidden_test_detail", ["names_and_hints", "names_only", "nothing"]);
export const regradeRequestStatus = pgEnum("regrade_request_status", ["open", "resolved"]);
/** How a platform was registered: by LTI Dynamic Registration or by an admin filling in its URLs. */
export const ltiRegisteredVia = pgEnum("lti_registered_via", ["dynamic", "manual"]);
/** A grade passback: waiting for (or between) deliveries, accepted by the platform, or given up on. */
export const ltiPassbackStatus = pgEnum("lti_passback_status", ["pending", "sent", "failed"]);
