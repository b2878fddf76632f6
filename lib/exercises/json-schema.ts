import { z } from "zod";
import { QuizSchema } from "./quiz";
import { QuizExerciseSchema } from "./quiz-exercise";
import { CodeExerciseSchema } from "./schema";

/**
 * The JSON Schema of `exercise.ts` default exports, generated from the zod schemas for editors and
 * other tools. Functions (params, answer, check) cannot be described in JSON Schema and appear as `{}`.
 */
export function exerciseJsonSchema(): unknown {
  const QuizPackageSchema = QuizExerciseSchema.extend({ questions: QuizSchema.shape.questions });
  return z.toJSONSchema(z.discriminatedUnion("kind", [CodeExerciseSchema, QuizPackageSchema]), {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
}
