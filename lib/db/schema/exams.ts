import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { users } from "./users";

/**
 * A student's one start of a timed assessment. The deadline is not stored: it is `startedAt` plus the
 * time limit with the student's multiplier as they are now (lib/exams/clock.ts), so more time granted
 * mid-exam applies at once. `finishedAt`: the student finished, or time ran out and their drafts went in.
 */
export const assessmentStarts = pgTable(
  "assessment_starts",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** "finished" (the student ended it) or "time_up" (the server closed it at the deadline). */
    finishReason: text("finish_reason"),
  },
  (table) => [primaryKey({ columns: [table.assessmentId, table.userId] })],
);

/**
 * What happened during a student's timed assessment, for staff: start, draft saves, submits, focus lost
 * and back (as the browser reports them), a second sign-in, time up, finish.
 */
export const examEvents = pgTable(
  "exam_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Small facts of the event: the exercise, the submission id, how long focus was away. */
    detail: jsonb("detail"),
  },
  (table) => [index("exam_events_assessment_user_idx").on(table.assessmentId, table.userId, table.at)],
);

export type AssessmentStart = typeof assessmentStarts.$inferSelect;
export type ExamEvent = typeof examEvents.$inferSelect;
