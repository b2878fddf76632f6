import { z } from "zod";

/** What every exercise package declares, whatever its kind. */
export const ExerciseMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id must be kebab-case"),
  title: z.string().min(1),
  topic: z.string().min(1),
  points: z.number().positive(),
  difficulty: z.enum(["easy", "medium", "hard"]),
});
export type ExerciseMeta = z.infer<typeof ExerciseMetaSchema>;
