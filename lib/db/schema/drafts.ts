import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assignments } from "./assignments";
import { exercises } from "./exercises";
import { users } from "./users";

/** A student's unsubmitted code for an exercise, kept on the server so it follows them across devices. */
export const drafts = pgTable(
  "drafts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    code: text("code").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.exerciseId] })],
);

/** When a student first opened an assignment's page: the start of "time from first open to full marks". */
export const assignmentOpens = pgTable(
  "assignment_opens",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.assignmentId, table.userId] })],
);

export type Draft = typeof drafts.$inferSelect;
export type AssignmentOpen = typeof assignmentOpens.$inferSelect;
