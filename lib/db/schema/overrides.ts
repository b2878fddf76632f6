import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { assignments } from "./assignments";
import { courses } from "./courses";
import { regradeRequestStatus } from "./enums";
import { submissions } from "./submissions";
import { users } from "./users";

/**
 * A student's assessment score set by staff, a fraction 0..1 of the assessment's points: it replaces
 * the sum of the exercises' counted scores in the assessment's total and the course grade.
 */
export const assessmentScoreOverrides = pgTable(
  "assessment_score_overrides",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    score: real("score").notNull(),
    comment: text("comment").notNull().default(""),
    setBy: uuid("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.assessmentId, table.userId] }),
    check("assessment_score_overrides_score_range", sql`${table.score} >= 0 and ${table.score} <= 1`),
  ],
);

/**
 * Every manual change of a score and every staff comment on one, kept for good: who, when, old → new.
 * Exactly one of submission and assessment is set. `newScore` null with a score before: the override
 * was removed; equal scores: a comment alone.
 */
export const scoreOverrideAudit = pgTable(
  "score_override_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    /** The student whose score it is. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "cascade" }),
    assessmentId: uuid("assessment_id").references(() => assessments.id, { onDelete: "cascade" }),
    /** Fractions 0..1 as the student saw them before and after (null: no score / override removed). */
    previousScore: real("previous_score"),
    newScore: real("new_score"),
    comment: text("comment").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("score_override_audit_course_idx").on(table.courseId, table.at),
    index("score_override_audit_submission_idx").on(table.submissionId),
    check("score_override_audit_one_target", sql`(${table.submissionId} is null) <> (${table.assessmentId} is null)`),
  ],
);

/** A student's request that staff review the grading of one of their Submits, and its answer. */
export const regradeRequests = pgTable(
  "regrade_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    status: regradeRequestStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    response: text("response"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The submission's score before and after the resolution (equal when staff kept it). */
    previousScore: real("previous_score"),
    newScore: real("new_score"),
  },
  (table) => [
    index("regrade_requests_course_idx").on(table.courseId, table.status, table.createdAt),
    index("regrade_requests_user_idx").on(table.userId, table.assignmentId),
    uniqueIndex("regrade_requests_one_open_idx").on(table.submissionId).where(sql`${table.status} = 'open'`),
  ],
);

export type AssessmentScoreOverride = typeof assessmentScoreOverrides.$inferSelect;
export type ScoreOverrideAudit = typeof scoreOverrideAudit.$inferSelect;
export type RegradeRequest = typeof regradeRequests.$inferSelect;
