import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { assignments } from "./assignments";
import { submissionMode, submissionStatus } from "./enums";
import { exercises } from "./exercises";
import { users } from "./users";

export const submissions = pgTable(
  "submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Null for an instructor's preview, which belongs to no assignment. */
    assignmentId: uuid("assignment_id").references(() => assignments.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    /** Content hash of the exercise package this submission is graded against. */
    exerciseVersion: text("exercise_version").notNull(),
    mode: submissionMode("mode").notNull().default("submit"),
    code: text("code"),
    answers: jsonb("answers"),
    variantSeed: integer("variant_seed").notNull(),
    /** The seeded quiz parameters shown to the student, kept so a regrade sees the same numbers. */
    variant: jsonb("variant"),
    status: submissionStatus("status").notNull().default("queued"),
    /** The grader's verdict once graded: graded, compile_error, runtime_error, timeout, memory_limit. */
    verdict: text("verdict"),
    /** Fraction of the tests passed, 0..1; null until graded. */
    score: real("score"),
    /** A score staff set by hand (0..1), counted instead of \`score\`; a regrade leaves it in place. Audited in score_override_audit. */
    overrideScore: real("override_score"),
    message: text("message"),
    console: text("console"),
    /** Grading attempt counter; a result is written only for the attempt that claimed the job. */
    gradingAttempt: integer("grading_attempt").notNull().default(0),
    /** Timings of a submission's life: created (sent), claimed (a worker took its job), started (the grader began), graded (finished), first seen (its owner's page got the final state). */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    gradedAt: timestamp("graded_at", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }),
  },
  (table) => [
    index("submissions_user_exercise_idx").on(table.userId, table.exerciseId),
    // The class dashboard reads a course's submissions assignment by assignment, student by student.
    index("submissions_assignment_user_idx").on(table.assignmentId, table.userId, table.createdAt),
    index("submissions_status_idx").on(table.status),
    // /api/health reads the last minutes' queue wait site-wide (lib/queue/timings.ts).
    index("submissions_created_at_idx").on(table.createdAt),
    // One grading at a time per student and exercise, enforced where no race can slip past it.
    uniqueIndex("submissions_one_in_flight_idx")
      .on(table.userId, table.exerciseId)
      .where(sql`${table.status} in ('queued', 'running')`),
    check("submissions_score_range", sql`${table.score} is null or (${table.score} >= 0 and ${table.score} <= 1)`),
    check("submissions_override_score_range", sql`${table.overrideScore} is null or (${table.overrideScore} >= 0 and ${table.overrideScore} <= 1)`),
  ],
);

export const testResults = pgTable(
  "test_results",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    hidden: boolean("hidden").notNull(),
    passed: boolean("passed").notNull(),
    message: text("message").notNull().default(""),
    misconception: text("misconception"),
    /** Visible examples only: { expected, actual } as plain data, for the page to print or draw. */
    shown: jsonb("shown"),
  },
  (table) => [primaryKey({ columns: [table.submissionId, table.position] })],
);

export type Submission = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;
/** A stored test_results row (not the grading engine's TestResult, a test's outcome before it is stored). */
export type TestResultRow = typeof testResults.$inferSelect;
export type NewTestResultRow = typeof testResults.$inferInsert;
