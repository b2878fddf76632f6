import { z } from "zod";
import { EXERCISE_ID } from "../grading/exercise-id";

/** What every exercise package declares, whatever its kind. */
export const ExerciseMetaSchema = z.object({
  id: z.string().regex(EXERCISE_ID, "id must be kebab-case"),
  title: z.string().min(1),
  topic: z.string().min(1),
  points: z.number().positive(),
  difficulty: z.enum(["easy", "medium", "hard"]),
});
export type ExerciseMeta = z.infer<typeof ExerciseMetaSchema>;
