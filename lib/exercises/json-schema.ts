import { z } from "zod";
import { EXERCISE_KINDS } from "./kinds";

/**
 * The JSON Schema of `exercise.ts` default exports, one branch per registered kind, generated from the
 * zod schemas for editors and other tools. Functions (params, answer, check) cannot be described in
 * JSON Schema and appear as `{}`.
 */
export function exerciseJsonSchema(): unknown {
  const [first, ...rest] = Object.values(EXERCISE_KINDS).map((kind) => kind.schema);
  if (!first) throw new Error("no exercise kinds are registered");
  return z.toJSONSchema(z.discriminatedUnion("kind", [first, ...rest]), {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
}
