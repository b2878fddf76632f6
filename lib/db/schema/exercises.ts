import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { courses } from "./courses";
import { exerciseKind } from "./enums";
import { users } from "./users";

/**
 * The current version of each exercise: the packages in `exercises/` (synced by content hash, no
 * course) and the exercises a course authored in the app and published (`course_id` set).
 */
export const exercises = pgTable("exercises", {
  id: text("id").primaryKey(),
  /** The course that authored it; null for the repository catalogue (which sync owns). */
  courseId: uuid("course_id").references(() => courses.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  topic: text("topic").notNull(),
  kind: exerciseKind("kind").notNull(),
  points: integer("points").notNull(),
  difficulty: text("difficulty").notNull(),
  currentVersion: text("current_version").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every version an exercise has had, so that a submission can name the one it was graded against. */
export const exerciseVersions = pgTable(
  "exercise_versions",
  {
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    contentHash: text("content_hash").notNull(),
    /** The package as loaded (server side only: holds hidden tests and the solution). */
    package: jsonb("package").notNull(),
    /**
     * Code and model versions: the module built from the package's exercise.ts when the version was
     * first synced, and its tests' outline (lib/exercises/artefacts.ts). Graders grade with it.
     */
    artefact: jsonb("artefact"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.contentHash] })],
);

/**
 * A course's own exercise as its authors edit it: the draft files of a data package (what the editor
 * saves; published versions live in exercise_versions) and the result of the draft's last check.
 */
export const courseExercises = pgTable(
  "course_exercises",
  {
    /** `<course-slug>-<name>`, unique across exercises and course exercises. */
    id: text("id").primaryKey(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    draftFiles: jsonb("draft_files").notNull(),
    /** The catalogue exercise it was copied from, if any. */
    copiedFrom: text("copied_from"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** The DraftCheck of the last save or check (lib/authoring/types.ts), or null before any. */
    lastCheck: jsonb("last_check"),
  },
  (table) => [index("course_exercises_course_idx").on(table.courseId)],
);

export type Exercise = typeof exercises.$inferSelect;
export type ExerciseVersion = typeof exerciseVersions.$inferSelect;
export type CourseExercise = typeof courseExercises.$inferSelect;
