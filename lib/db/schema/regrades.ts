import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assignments } from "./assignments";
import { submissions } from "./submissions";
import { users } from "./users";

/** One regrade of an assignment's submissions against the exercise's current version, with its progress. */
export const regrades = pgTable(
  "regrades",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    /** Content hash of the exercise version every submission is regraded against. */
    exerciseVersion: text("exercise_version").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("regrades_assignment_idx").on(table.assignmentId, table.createdAt)],
);

/** A submission's earlier result, archived when a regrade replaces it (old results are kept). */
export const submissionGradings = pgTable(
  "submission_gradings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    regradeId: uuid("regrade_id").references(() => regrades.id, { onDelete: "set null" }),
    exerciseVersion: text("exercise_version").notNull(),
    verdict: text("verdict"),
    score: real("score"),
    message: text("message"),
    /** The test results as they were: [{ position, name, hidden, passed, message, misconception }]. */
    tests: jsonb("tests").notNull(),
    gradedAt: timestamp("graded_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("submission_gradings_submission_idx").on(table.submissionId, table.archivedAt)],
);

export type Regrade = typeof regrades.$inferSelect;
export type SubmissionGrading = typeof submissionGradings.$inferSelect;
