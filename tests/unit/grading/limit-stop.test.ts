/**
 * The first test that hits a limit ends the grading: the tests after it are reported as not run under
 * one message naming the limit and the test, with no hint, no misconception and no values.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { resolveLimits } from "@/lib/grading/limits";
import { getExpectations } from "@/lib/grading/reference";
import { gradeSource, planTests } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { Session } from "@/lib/grading/sandbox/sandbox";
import { annotateTests } from "@/lib/submissions/annotate";
import { codeTestRows } from "@/lib/submissions/result-rows";
import { StoredGradeSchema } from "@/lib/submissions/lifecycle";
import { pkgOf } from "./helpers";

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());
afterEach(() => vi.restoreAllMocks());

const ROW = "logits.map((row) => { const m = Math.max(...row); const e = row.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";

/** Grades while counting the calls into the sandbox, i.e. the tests actually run. */
async function gradeCounting(id: string, source: string, options: { examplesOnly?: boolean } = {}) {
  const pkg = await pkgOf(id);
  // The reference solution's calls (memoised per process) are not the student's: made before counting.
  await getExpectations(pkg, resolveLimits(pkg.exercise.limits), true);
  const calls = vi.spyOn(Session.prototype, "call");
  const result = await gradeSource(pkg, source, { provider, ...options });
  return { result, calls: calls.mock.calls.length };
}

describe("a test that hits a time limit", () => {
  it("an endless loop in softmax: the first test times out, the 15 others are not run, under one message", async () => {
    const pkg = await pkgOf("softmax");
    const plan = planTests(pkg);
    const first = plan[0]!.test.name;
    const limitS = resolveLimits(pkg.exercise.limits).callMs / 1000;
    const { result, calls } = await gradeCounting("softmax", "export function softmax(logits: number[][]): number[][] {\n  while (true) {}\n}\n");

    expect(calls).toBe(1);
    expect(result.status).toBe("timeout");
    expect(result.score).toBe(0);
    expect(result.message).toBe(`Your code ran past the ${limitS} s time limit in test "${first}"; the ${plan.length - 1} tests after it were not run.`);
    expect(result.tests).toHaveLength(plan.length);
    expect(result.tests[0]).toEqual({ name: first, passed: false, message: `ran past the ${limitS} s time limit`, unjudged: "limit" });
    for (const test of result.tests.slice(1)) expect(test).toEqual({ name: test.name, passed: false, message: "not run", unjudged: "not_run" });
  });

  it("a loop in one hidden test: the tests before it are judged, it fails without its hint, the rest are not run", async () => {
    const pkg = await pkgOf("softmax");
    const plan = planTests(pkg);
    const at = plan.findIndex(({ test }) => test.name === "large logits");
    const hinted = plan[at]!.test;
    expect(hinted.hint).toBeTruthy();
    const loopsOnLarge = "logits.length === 1 && logits[0]![0] === 1000 && logits[0]![1] === 1001";
    const { result, calls } = await gradeCounting("softmax", `export function softmax(logits: number[][]) { if (${loopsOnLarge}) for (;;) {} return ${ROW}; }`);

    expect(calls).toBe(at + 1);
    expect(result.status).toBe("timeout");
    expect(result.tests.slice(0, at).every((t) => t.passed)).toBe(true);
    expect(result.tests[at]).toMatchObject({ name: "large logits", passed: false, unjudged: "limit" });
    expect(result.tests[at]?.message).not.toContain("Hint");
    expect(result.tests.slice(at + 1).map((t) => t.message)).toEqual(plan.slice(at + 1).map(() => "not run"));
    expect(result.score).toBeCloseTo(at / plan.length);
    const limitS = resolveLimits(pkg.exercise.limits).callMs / 1000;
    expect(result.message).toBe(`Your code ran past the ${limitS} s time limit in test "large logits"; the ${plan.length - at - 1} tests after it were not run.`);

    // Stored: no misconception on the limit hit nor on the tests not run, though the package tags them.
    const rows = codeTestRows("s", StoredGradeSchema.parse(annotateTests(pkg, result, "submit")).tests);
    const tagged = rows.filter((row) => pkg.exercise.tests.find((t) => t.name === row.name)?.misconception);
    expect(tagged.filter((row) => row.position >= at).length).toBeGreaterThan(1);
    expect(rows.filter((row) => row.position >= at).map((row) => row.misconception)).toEqual(rows.slice(at).map(() => null));
  });

  it("a visible example that never settles shows no values and names the limit from the exercise's own limits", async () => {
    const pkg = await pkgOf("softmax");
    const examples = planTests(pkg, true);
    const limitS = resolveLimits(pkg.exercise.limits).callMs / 1000;
    const { result, calls } = await gradeCounting("softmax", `export function softmax(logits: number[][]) { return new Promise<number[][]>(() => {}); }`, { examplesOnly: true });
    expect(calls).toBe(1);
    expect(result.tests[0]).toEqual({ name: examples[0]!.test.name, passed: false, message: `did not finish within the ${limitS} s time limit (a promise that never settles?)`, unjudged: "limit" });
    expect(result.tests[0]).not.toHaveProperty("shown");
    const after = examples.length - 1;
    expect(result.message).toBe(`Your code did not finish within the ${limitS} s time limit in test "${examples[0]!.test.name}" (a promise that never settles?); the ${after === 1 ? "test after it was" : `${after} tests after it were`} not run.`);
  });

  it("a wrong answer still gets its hint and its misconception", async () => {
    const pkg = await pkgOf("softmax");
    const naive = "logits.map((row) => { const e = row.map((z) => Math.exp(z)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";
    const { result } = await gradeCounting("softmax", `export function softmax(logits: number[][]) { return ${naive}; }`);
    expect(result.status).toBe("graded");
    const large = result.tests.find((t) => t.name === "large logits");
    expect(large?.message).toContain("Hint:");
    expect(large?.unjudged).toBeUndefined();
    const rows = codeTestRows("s", StoredGradeSchema.parse(annotateTests(pkg, result, "submit")).tests);
    expect(rows.find((row) => row.name === "large logits")?.misconception).toBe("overflow");
  });
});
