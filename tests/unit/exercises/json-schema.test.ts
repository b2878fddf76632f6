import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exerciseJsonSchema } from "@/lib/exercises/json-schema";

describe("exercises/exercise.schema.json", () => {
  it("is the schema the zod definitions generate today (run npm run exercises:schema after a change)", () => {
    const committed: unknown = JSON.parse(readFileSync("exercises/exercise.schema.json", "utf8"));
    expect(committed).toEqual(exerciseJsonSchema());
  });

  it("describes both kinds with their required fields", () => {
    const text = JSON.stringify(exerciseJsonSchema());
    for (const field of ['"exports"', '"tests"', '"questions"', '"misconception"', '"hint"', '"choices"']) expect(text).toContain(field);
  });
});
