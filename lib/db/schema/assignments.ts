import { integer, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { courses } from "./courses";
import { explanationRelease, latePolicyKind } from "./enums";
import { exercises } from "./exercises";

export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    /**
     * The exercise version students work on: a course exercise pins the version it was assigned at
     * (moved on by an instructor); null follows the exercise's current version (the catalogue).
     */
    exerciseVersion: text("exercise_version"),
    opensAt: timestamp("opens_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** Null means unlimited attempts. */
    attemptLimit: integer("attempt_limit"),
    points: integer("points").notNull().default(100),
    latePolicy: latePolicyKind("late_policy").notNull().default("none"),
    /** Percentage of the score lost per started day after `dueAt` (late policy "penalty"). */
    latePenaltyPerDay: numeric("late_penalty_per_day", { precision: 5, scale: 2 }).notNull().default("0"),
    /** No submission counts after this instant (late policy "penalty"). */
    lateCutoffAt: timestamp("late_cutoff_at", { withTimezone: true }),
    /** Quizzes: null means after each attempt when attempts are unlimited, otherwise after close. */
    explanationRelease: explanationRelease("explanation_release"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("assignments_course_exercise_unique").on(table.courseId, table.exerciseId)],
);

export type Assignment = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
