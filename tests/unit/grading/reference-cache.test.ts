/** Expectations are memoised per process by what decides them: a new version that changes only a test's expected value or comparator must not reuse the old ones. */
import { describe, expect, it } from "vitest";
import { resolveLimits } from "@/lib/grading/limits";
import { getExpectations } from "@/lib/grading/reference";
import type { GradingSpec } from "@/lib/grading/spec";

const solution = "export function twice(x: number): number { return 2 * x; }\n";

function spec(test: Partial<GradingSpec["exercise"]["tests"][number]>): GradingSpec {
  return {
    solution,
    exercise: { id: "twice", kind: "code", exports: ["twice"], seed: 1, examples: [], tests: [{ name: "t", call: "twice", args: [3], repeat: 1, ...test }] },
  };
}

describe("the reference's expectations cache", () => {
  it("an explicit expected value changed between versions is the one used", async () => {
    const limits = resolveLimits();
    expect((await getExpectations(spec({}), limits, true)).get("t")).toEqual([6]);
    expect((await getExpectations(spec({ expected: 7 }), limits, true)).get("t")).toEqual([7]);
    expect((await getExpectations(spec({ expected: 8 }), limits, true)).get("t")).toEqual([8]);
  });

  it("a test that stops throwing gets the reference's value instead of none", async () => {
    const limits = resolveLimits();
    expect((await getExpectations(spec({ name: "u", compare: { kind: "throws" } }), limits, true)).get("u")).toBeUndefined();
    expect((await getExpectations(spec({ name: "u", compare: { kind: "exact" } }), limits, true)).get("u")).toEqual([6]);
  });
});
