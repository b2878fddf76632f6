/** The quiz kind of exercise package: metadata plus questions (see lib/exercises/quiz for the questions). */
import { z } from "zod";
import type { QuizInput } from "./quiz";
import { ExerciseMetaSchema } from "./meta";

export const QuizExerciseSchema = z.object({
  ...ExerciseMetaSchema.shape,
  kind: z.literal("quiz"),
  /** Checked question by question by validateQuiz, which names each problem's question and field. */
  questions: z.array(z.unknown()).min(1, "a quiz needs at least one question"),
});
export type QuizExerciseMeta = z.infer<typeof QuizExerciseSchema>;
export type QuizExerciseInput = z.input<typeof ExerciseMetaSchema> & { kind: "quiz"; questions: QuizInput["questions"] };

/** Identity helper that gives quiz exercise files type checking and autocompletion. */
export function defineQuizExercise(exercise: QuizExerciseInput): QuizExerciseInput {
  return exercise;
}
