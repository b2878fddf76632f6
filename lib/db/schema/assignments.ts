import { index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { courses } from "./courses";
import { exercises } from "./exercises";

/**
 * One exercise of an assessment, with its points and place in it. Submissions belong to this row; the
 * dates and rules are the assessment's. An exercise may sit in several assessments of a course.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    /**
     * The exercise version students work on: a course exercise pins the version it was assigned at
     * (moved on by an instructor); null follows the exercise's current version (the catalogue).
     */
    exerciseVersion: text("exercise_version"),
    points: integer("points").notNull().default(100),
    /** Order within the assessment. */
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("assignments_assessment_exercise_unique").on(table.assessmentId, table.exerciseId),
    index("assignments_course_exercise_idx").on(table.courseId, table.exerciseId),
  ],
);

export type Assignment = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
