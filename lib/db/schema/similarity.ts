import { index, jsonb, pgEnum, pgTable, real, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { assignments } from "./assignments";
import { courses } from "./courses";
import { exercises } from "./exercises";
import { users } from "./users";

export const similarityStatus = pgEnum("similarity_status", ["queued", "running", "done", "failed"]);

/**
 * One similarity analysis of an assignment's set of latest submissions (lib/similarity/reports.ts). A set
 * is analysed once: `submissions_key` hashes the submission ids, the boilerplate and the options.
 */
export const similarityReports = pgTable(
  "similarity_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    /** The exercise version whose starter and reference solution are the boilerplate. */
    exerciseVersion: text("exercise_version").notNull(),
    /** sha-256 of the sorted submission ids, the boilerplate's hash and the options. */
    submissionsKey: text("submissions_key").notNull(),
    /** The submission ids analysed (string[]), in analysis order. */
    submissionIds: jsonb("submission_ids").$type<string[]>().notNull(),
    status: similarityStatus("status").notNull().default("queued"),
    /** 0..1 while running. */
    progress: real("progress").notNull().default(0),
    error: text("error"),
    /** The stored result (StoredSimilarityResult in lib/similarity/report-result.ts), once done. */
    result: jsonb("result"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    // Two requests of the same set race to one row: the loser reuses the winner's report.
    unique("similarity_reports_assignment_key_unique").on(table.assignmentId, table.submissionsKey),
    index("similarity_reports_assignment_idx").on(table.assignmentId, table.createdAt),
  ],
);

export type SimilarityReportRow = typeof similarityReports.$inferSelect;
