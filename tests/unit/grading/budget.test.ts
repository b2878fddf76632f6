/**
 * One time budget for all the test calls of a submission: each call runs under its own limit or what
 * is left of the budget, whichever is less; the call that runs out of it fails with a message naming
 * the budget, and the tests after it are not run. A call is charged the isolate's CPU time, so the
 * host's own time around it (decoding, a busy event loop) uses none of the budget.
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
/** Busy in the isolate for `ms`, then a right answer. */
const slowSoftmax = (ms: number, before = "") =>
  `let calls = 0;\nexport function softmax(logits: number[][]) { calls++; ${before}const end = Date.now() + ${ms}; while (Date.now() < end) {} return ${ROW}; }`;

/** Keeps the host busy for `ms` after each call returns, as a slow decode or a loaded event loop would. */
function hostBusyAfterEachCall(ms: number): void {
  const call = Session.prototype.call;
  vi.spyOn(Session.prototype, "call").mockImplementation(async function (this: Session, ...args: Parameters<Session["call"]>) {
    const outcome = await call.apply(this, args);
    const end = performance.now() + ms;
    while (performance.now() < end) {}
    return outcome;
  });
}

async function gradeCounting(source: string, limits: { callMs: number }) {
  const pkg = await pkgOf("softmax");
  await getExpectations(pkg, resolveLimits(pkg.exercise.limits), true);
  // Spies on the mock when a test installed one: the calls are counted either way.
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

  it.each([700, 900])("is shared: calls that each spend %i ms of a 1 s call limit and a 2 s budget; the third is cut by the budget", async (ms) => {
    // Calls 1 and 2 pass; call 3 gets the 600 (or 200) ms left and runs out of it.
    const { result, calls, plan } = await gradeCounting(slowSoftmax(ms), { callMs: 1_000 });
    expect(result.status).toBe("timeout");
    expect(calls).toBe(3);
    expect(result.tests.slice(0, 2).every((t) => t.passed)).toBe(true);
    expect(result.tests[2]).toEqual({ name: plan[2]!.test.name, passed: false, message: "ran past the 2 s time limit of all tests together", unjudged: "limit" });
    const notRun = result.tests.slice(3);
    expect(notRun).toHaveLength(plan.length - 3);
    for (const test of notRun) expect(test).toMatchObject({ passed: false, message: "not run", unjudged: "not_run" });
    expect(result.message).toBe(`Your code ran past the 2 s time limit of all tests together in test "${plan[2]!.test.name}"; the ${plan.length - 3} tests after it were not run.`);
  });

  it("charges a call the isolate's CPU time, not the host's time around it", async () => {
    // 150 ms of host work after each of the tests against a 0.6 s budget: charged by the host's clock,
    // the fifth call would be cut; a right answer takes a few milliseconds in the isolate.
    hostBusyAfterEachCall(150);
    const { result, calls, plan } = await gradeCounting(`export function softmax(logits: number[][]) { return ${ROW}; }`, { callMs: 300 });
    expect(plan.length).toBeGreaterThan(4);
    expect(calls).toBe(plan.reduce((n, { test }) => n + test.repeat, 0));
    expect(result.status).toBe("graded");
    expect(result.tests.every((t) => t.passed)).toBe(true);
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
