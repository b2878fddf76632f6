import { boolean, check, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { courses } from "./courses";
import { explanationRelease, hiddenTestDetail, latePolicyKind, releasePolicy } from "./enums";

/**
 * A grade category of a course ("Homework", "Quizzes", "Exam"): its weight in the course grade and how
 * many of its lowest assessments are dropped. A course without categories grades by total points.
 */
export const gradeCategories = pgTable(
  "grade_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Relative weight (percent by convention); the course grade divides by the weights in play. */
    weight: numeric("weight", { precision: 6, scale: 2 }).notNull().default("0"),
    /** How many of the student's lowest assessments of the category do not count. */
    dropLowest: integer("drop_lowest").notNull().default(0),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("grade_categories_course_name_unique").on(table.courseId, table.name),
    check("grade_categories_weight_range", sql`${table.weight} >= 0`),
    check("grade_categories_drop_lowest_range", sql`${table.dropLowest} >= 0`),
  ],
);

/**
 * An assessment: an ordered set of exercises (its `assignments` rows) with the dates and rules every one
 * of them follows. A problem set, a quiz, an exam; an assignment of one exercise is an assessment of one.
 */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Null: in no category (not part of the course grade once the course has categories). */
    categoryId: uuid("category_id").references(() => gradeCategories.id, { onDelete: "set null" }),
    opensAt: timestamp("opens_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** Per exercise of the assessment; null means unlimited attempts. */
    attemptLimit: integer("attempt_limit"),
    latePolicy: latePolicyKind("late_policy").notNull().default("none"),
    /** Percentage of the score lost per started day after `dueAt` (late policy "penalty"). */
    latePenaltyPerDay: numeric("late_penalty_per_day", { precision: 5, scale: 2 }).notNull().default("0"),
    /** No submission counts after this instant (late policy "penalty"). */
    lateCutoffAt: timestamp("late_cutoff_at", { withTimezone: true }),
    /** Quizzes: null means after each attempt when attempts are unlimited, otherwise after close. */
    explanationRelease: explanationRelease("explanation_release"),
    /** Timed work: minutes a student has once started; null is untimed. An accommodation multiplies it. */
    timeLimitMinutes: integer("time_limit_minutes"),
    /** Timed work: a code the student types to start (given out in the room); null is none. */
    accessCode: text("access_code"),
    /** Whether a student may Run (visible examples) while the assessment is open to them. */
    allowRun: boolean("allow_run").notNull().default(true),
    /** When students see scores and feedback of their Submits (lib/scoring/release.ts). */
    releasePolicy: releasePolicy("release_policy").notNull().default("immediately"),
    /** Release policy "manual": when the instructor released; null while held back. */
    releasedAt: timestamp("released_at", { withTimezone: true }),
    /** What a student sees of hidden tests before release (after release: names and hints). */
    hiddenTestDetail: hiddenTestDetail("hidden_test_detail").notNull().default("names_and_hints"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("assessments_course_idx").on(table.courseId, table.position)],
);

export type GradeCategory = typeof gradeCategories.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type NewAssessment = typeof assessments.$inferInsert;
