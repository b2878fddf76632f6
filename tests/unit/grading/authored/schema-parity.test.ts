/**
 * lib/grading may not import lib/exercises, so grading reads exercise.json with schemas of its own
 * (lib/grading/authored/schema.ts). They must agree with the authoring format's, field by field.
 */
import { describe, expect, it } from "vitest";
import { DataCodeGradingSchema, DataGradingSchema, DataTestSchema } from "@/lib/grading/authored/schema";
import { DataCodeExerciseSchema, DataExerciseSchema, DataTestSchema as AuthoringTestSchema } from "@/lib/exercises/data-package/schema";
import { EXERCISE, QUIZ } from "./fixtures";

const TESTS: unknown[] = [
  { name: "a", call: "f", args: [1, [2], { x: null }] },
  { name: "a", call: "f", args: [], compare: { kind: "close" }, repeat: 2, hint: "h", misconception: "m", expected: [1] },
  { name: "a", call: "f", args: [], compare: { kind: "close", rtol: 0.5, atol: 0 } },
  { name: "a", call: "f", args: [], compare: { kind: "close", rtol: 2 } },
  { name: "a", call: "f", args: [], compare: { kind: "exact", extra: 1 } },
  { name: "a", call: "f", args: [], compare: { kind: "throws", errorType: "RangeError" } },
  { name: "a", call: "f", args: [], compare: { kind: "throws", errorType: "Oops" } },
  { name: "a", call: "f", args: [], compare: { kind: "check", check: "ok_1" } },
  { name: "a", call: "f", args: [], compare: { kind: "check", check: "1x" } },
  { name: "", call: "f", args: [] },
  { name: "x".repeat(201), call: "f", args: [] },
  { name: "a", call: "", args: [] },
  { name: "a", call: "f", args: [], extra: 1 },
  { name: "a", call: "f", args: [], repeat: 6 },
  { name: "a", call: "f", args: [], repeat: 1.5 },
  { name: "a", call: "f", args: Array(17).fill(0) },
  { name: "a", call: "f", args: [Number.NaN] },
  { name: "a", call: "f", args: [], misconception: "m".repeat(81) },
  { name: "a", call: "f" },
  5,
];

describe("grading's view of exercise.json agrees with the authoring format", () => {
  it("a test (what generators return too) is valid, and reads the same, on both sides", () => {
    for (const sample of TESTS) {
      const ours = DataTestSchema.safeParse(sample);
      const theirs = AuthoringTestSchema.safeParse(sample);
      expect(ours.success, JSON.stringify(sample)).toBe(theirs.success);
      expect(ours.data, JSON.stringify(sample)).toEqual(theirs.data);
    }
  });

  it("a valid code exercise reads the same grading fields, defaults included", () => {
    const variants = [EXERCISE, { ...EXERCISE, generators: undefined, seed: undefined, examples: undefined }, { ...EXERCISE, limits: { callMs: 500 } }];
    for (const exercise of variants) {
      const full = DataCodeExerciseSchema.parse(exercise);
      const grading = DataCodeGradingSchema.parse(exercise);
      expect(grading).toEqual({
        id: full.id,
        kind: full.kind,
        exports: full.exports,
        examples: full.examples,
        tests: full.tests,
        generators: full.generators,
        seed: full.seed,
        ...(full.limits === undefined ? {} : { limits: full.limits }),
      });
    }
  });

  it("whatever the authoring format accepts, grading accepts", () => {
    for (const exercise of [EXERCISE, QUIZ]) {
      expect(DataExerciseSchema.safeParse(exercise).success).toBe(true);
      expect(DataGradingSchema.safeParse(exercise).success).toBe(true);
    }
  });
});
