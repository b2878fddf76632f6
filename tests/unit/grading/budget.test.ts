/**
 * One time budget for all the test calls of a submission: each call runs under its own limit or what
 * is left of the budget, whichever is less; the call that runs out of it fails with a message naming
 * the budget, and the tests after it are not run.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { CallBudget, testsBudgetMs } from "@/lib/grading/budget";
import { resolveLimits } from "@/lib/grading/limits";
import { getExpectations } from "@/lib/grading/reference";
import { gradeSource, planTests } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { Session } from "@/lib/grading/sandbox/sandbox";
import { pkgOf } from "./helpers";

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());
afterEach(() => vi.restoreAllMocks());

const ROW = "logits.map((row) => { const m = Math.max(...row); const e = row.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";
/** Busy for `ms` of wall time, then a right answer. */
const slowSoftmax = (ms: number, before = "") =>
  `let calls = 0;\nexport function softmax(logits: number[][]) { calls++; ${before}const end = Date.now() + ${ms}; while (Date.now() < end) {} return ${ROW}; }`;

async function gradeCounting(source: string, limits: { callMs: number }) {
  const pkg = await pkgOf("softmax");
  await getExpectations(pkg, resolveLimits(pkg.exercise.limits), true);
  const calls = vi.spyOn(Session.prototype, "call");
  const result = await gradeSource(pkg, source, { provider, limits });
  return { result, calls: calls.mock.calls.length, plan: planTests(pkg) };
}

describe("the budget of all tests together", () => {
  it("is twice the call limit for plain exercises (2 s by default), the submission limit for model exercises", async () => {
    expect(testsBudgetMs(resolveLimits(), "code")).toBe(2_000);
    expect(testsBudgetMs(resolveLimits({ callMs: 300 }), "code")).toBe(600);
    const classifier = await pkgOf("build-classifier");
    const limits = resolveLimits(classifier.exercise.limits);
    expect(testsBudgetMs(limits, classifier.exercise.kind)).toBe(limits.submissionMs);
  });

  it("gives each call its own limit while enough is left, then what is left, named by the budget", () => {
    const budget = new CallBudget(2_000, 1_000);
    expect(budget.next()).toEqual({ timeoutMs: 1_000, limit: { ms: 1_000, ofAllTests: false } });
    budget.charge(900);
    expect(budget.next()).toEqual({ timeoutMs: 1_000, limit: { ms: 1_000, ofAllTests: false } });
    budget.charge(700.6);
    expect(budget.next()).toEqual({ timeoutMs: 399, limit: { ms: 2_000, ofAllTests: true } });
    expect(budget.exhausted).toBe(false);
    budget.charge(400);
    expect(budget.exhausted).toBe(true);
    expect(budget.next().timeoutMs).toBe(1);
  });

  it("is shared: calls that each stay well under the call limit are cut once together they use it up", async () => {
    // 300 ms a call against 1 s a call and 2 s in all: the 7th call gets the 200 ms left and is cut
    // (earlier on a loaded machine, where a call may take longer: the assertions allow for that).
    const { result, calls, plan } = await gradeCounting(slowSoftmax(300), { callMs: 1_000 });
    expect(result.status).toBe("timeout");
    const cut = result.tests.findIndex((t) => t.unjudged === "limit");
    expect(cut).toBeGreaterThanOrEqual(2);
    expect(cut).toBeLessThanOrEqual(6);
    expect(calls).toBe(cut + 1);
    expect(result.tests.slice(0, cut).every((t) => t.passed)).toBe(true);
    expect(result.tests[cut]).toEqual({ name: plan[cut]!.test.name, passed: false, message: "ran past the 2 s time limit of all tests together", unjudged: "limit" });
    for (const test of result.tests.slice(cut + 1)) expect(test).toMatchObject({ passed: false, message: "not run", unjudged: "not_run" });
    expect(result.message).toBe(`Your code ran past the 2 s time limit of all tests together in test "${plan[cut]!.test.name}"; the ${plan.length - cut - 1} tests after it were not run.`);
  });

  it("an endless loop in the first test hits the call limit (the budget has more left)", async () => {
    const { result, calls, plan } = await gradeCounting("export function softmax(logits: number[][]): number[][] { for (;;) {} }", { callMs: 300 });
    expect(calls).toBe(1);
    expect(result.tests[0]).toMatchObject({ message: "ran past the 0.3 s time limit", unjudged: "limit" });
    expect(result.tests.slice(1).every((t) => t.unjudged === "not_run")).toBe(true);
    expect(result.message).toBe(`Your code ran past the 0.3 s time limit in test "${plan[0]!.test.name}"; the ${plan.length - 1} tests after it were not run.`);
    // Sanity only (shared machine): a verdict in about one call limit, not one per test.
    expect(result.durationMs).toBeLessThan(plan.length * 300);
  });

  it("an endless loop in a later test, after slow ones, is cut by what is left of the budget", async () => {
    // Calls 1 and 2 take 700 ms each of a 2 s budget (1 s per call); call 3 loops and gets the 600 ms left.
    const { result, calls, plan } = await gradeCounting(slowSoftmax(700, "if (calls === 3) for (;;) {} "), { callMs: 1_000 });
    expect(calls).toBe(3);
    expect(result.tests.slice(0, 2).every((t) => t.passed)).toBe(true);
    expect(result.tests[2]).toMatchObject({ name: plan[2]!.test.name, message: "ran past the 2 s time limit of all tests together", unjudged: "limit" });
    expect(result.tests.slice(3).every((t) => t.unjudged === "not_run")).toBe(true);
    expect(result.message).toBe(`Your code ran past the 2 s time limit of all tests together in test "${plan[2]!.test.name}"; the ${plan.length - 3} tests after it were not run.`);
  });
});
