import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { exerciseKind } from "./enums";

/** The current version of each exercise package in `exercises/`, synced by content hash. */
export const exercises = pgTable("exercises", {
  id: text("id").primaryKey(),
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

export type Exercise = typeof exercises.$inferSelect;
export type ExerciseVersion = typeof exerciseVersions.$inferSelect;
