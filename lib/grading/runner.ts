/** Host-side grading of one submission: compile, load once, call each export per test, compare on the host. */
import { CallBudget, testsBudgetMs } from "./budget";
import { compileForPackage } from "./package-module";
import { ConsoleBuffer } from "./console-buffer";
import { evaluateCall, limitMessage, seconds, stoppedAtMessage, studentPosition, type Verdict } from "./evaluate";
import { resolveLimits, type LimitOverrides, type Limits } from "./limits";
import { toPlain } from "./plain";
import { getExpectations } from "./reference";
import { notRunTest, scoreOf, type EngineResult, type GradeStatus, type EngineTestResult } from "./result";
import type { SandboxProvider } from "./sandbox/provider";
import type { GradingSpec, GradingTest } from "./spec";
import type { CallOutcome, Session, SandboxIsolate } from "./sandbox/sandbox";
import type { PositionMap } from "./source-map";
import { toValue, type Value } from "./value";

export interface GradeOptions {
  provider: SandboxProvider;
  /** Overrides on top of the exercise's own limits (tests use this to keep attacks short). */
  limits?: LimitOverrides;
  /** Called after each test, so that a supervisor keeps partial results if this process dies. */
  onTest?: (index: number, result: EngineTestResult) => void;
  /** Run only the visible examples (the student's Run button): hidden tests are not executed. */
  examplesOnly?: boolean;
}

interface PlannedTest {
  test: GradingTest;
  visible: boolean;
}

/** Every test of an exercise in grading order: visible examples first, then hidden tests. */
export function planTests(spec: GradingSpec, examplesOnly = false): PlannedTest[] {
  const examples = spec.exercise.examples.map((test) => ({ test, visible: true }));
  return examplesOnly ? examples : [...examples, ...spec.exercise.tests.map((test) => ({ test, visible: false }))];
}

function notRun(plan: PlannedTest[], why: string): EngineTestResult[] {
  return plan.map(({ test }) => notRunTest(test.name, why));
}

/** A test's result from its verdict: a hint only for a wrong answer, never for a limit. */
function resultOf(test: GradingTest, verdict: Verdict): EngineTestResult {
  if (verdict.limit) return { name: test.name, passed: false, message: verdict.message, unjudged: "limit" };
  return {
    name: test.name,
    passed: verdict.passed,
    message: verdict.passed || !test.hint ? verdict.message : `${verdict.message}. Hint: ${test.hint}`,
    ...(verdict.shown ? { shown: verdict.shown } : {}),
  };
}

/** Why grading stopped before the last test: the submission's status and message. */
interface Stop {
  status: GradeStatus;
  message: string;
}

/**
 * Grades one source file against an exercise package in this process (student code runs in isolates).
 * The first test that hits a limit ends the grading: the tests after it are reported as not run (a
 * loop that hangs one test would most likely hang the others, each for a whole time limit). All test
 * calls share one time budget (budget.ts), so a loop that stays just under the call limit in every
 * test is stopped too.
 */
export async function gradeSource(spec: GradingSpec, source: string, options: GradeOptions): Promise<EngineResult> {
  const scope = spec.openSubmission?.();
  try {
    return await gradeWithSpec(scope?.spec ?? spec, source, options);
  } finally {
    scope?.close();
  }
}

async function gradeWithSpec(spec: GradingSpec, source: string, options: GradeOptions): Promise<EngineResult> {
  const started = performance.now();
  const limits = resolveLimits(spec.exercise.limits, options.limits);
  const plan = planTests(spec, options.examplesOnly);
  const consoleOut = new ConsoleBuffer(limits.consoleBytes);
  const finish = (status: GradeStatus, tests: EngineTestResult[], message?: string): EngineResult => ({
    status,
    score: status === "compile_error" || status === "runtime_error" ? 0 : scoreOf(tests),
    tests,
    durationMs: Math.round(performance.now() - started),
    console: consoleOut.text(),
    ...(message === undefined ? {} : { message }),
  });

  const compiled = compileForPackage(spec, source);
  if (!compiled.ok) return finish("compile_error", notRun(plan, "the file does not compile"), compiled.error);
  const budget = new CallBudget(testsBudgetMs(limits, spec.exercise.kind), limits.callMs);
  const runner = new SessionRunner(spec, compiled.js, compiled.positions, limits, budget, options.provider, consoleOut);
  try {
    const loaded = await runner.open();
    if (loaded !== null) return finish(loaded.status, notRun(plan, loaded.message), loaded.message);
    // After the load: a module that does not load never waits for the reference solution.
    const expectations = await getExpectations(spec, limits, options.provider.options.useSnapshot);
    const tests: EngineTestResult[] = [];
    let stop: Stop | null = null;
    for (const [index, { test, visible }] of plan.entries()) {
      let result: EngineTestResult;
      if (stop === null && performance.now() - started > limits.submissionMs) {
        stop = { status: "timeout", message: `The submission ran past its ${seconds(limits.submissionMs)} time limit; the tests from "${test.name}" on were not run.` };
      }
      if (stop !== null) {
        result = notRunTest(test.name);
      } else {
        consoleOut.capturing = visible;
        const verdict = await runner.runTest(test, visible, expectations.get(test.name));
        consoleOut.capturing = true;
        result = resultOf(test, verdict);
        if (verdict.limit) {
          const time = verdict.time ?? { ms: limits.callMs, ofAllTests: false };
          const message = stoppedAtMessage(verdict.limit, time, limits.memoryMb, test.name, plan.length - index - 1);
          stop = { status: verdict.limit === "memory" ? "memory_limit" : "timeout", message };
        }
      }
      tests.push(result);
      options.onTest?.(index, result);
    }
    if (stop === null && performance.now() - started > limits.submissionMs) {
      stop = { status: "timeout", message: `The submission ran past its ${seconds(limits.submissionMs)} time limit.` };
    }
    return stop === null ? finish("graded", tests) : finish(stop.status, tests, stop.message);
  } finally {
    runner.close();
  }
}

/** Owns the isolate and context of one submission. */
class SessionRunner {
  private sandbox: SandboxIsolate | null = null;
  private session: Session | null = null;
  private clean = true;

  constructor(
    private readonly spec: GradingSpec,
    private readonly js: string,
    private readonly positions: PositionMap,
    private readonly limits: Limits,
    private readonly budget: CallBudget,
    private readonly provider: SandboxProvider,
    private readonly consoleOut: ConsoleBuffer,
  ) {}

  /** Loads the module in a fresh context; null on success, else the submission's status and reason. */
  async open(): Promise<{ status: GradeStatus; message: string } | null> {
    this.close();
    this.clean = true;
    this.sandbox = this.provider.take(this.limits.memoryMb);
    this.session = this.sandbox.openSession(this.spec.exercise.seed, this.limits, this.consoleOut.sink);
    const loaded = await this.session.load(this.js);
    if (loaded.k === "loaded") {
      const missing = this.spec.exercise.exports.filter((name) => !loaded.names.includes(name));
      if (missing.length === 0) return null;
      return { status: "compile_error", message: `missing export${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` };
    }
    this.clean = false;
    if (loaded.k === "syntax") return { status: "compile_error", message: `Syntax error${studentPosition(loaded, this.positions)}: ${loaded.message}` };
    if (loaded.k === "limit") {
      const message = `loading the module ${limitMessage(loaded.limit, { ms: this.limits.loadMs, ofAllTests: false }, this.limits.memoryMb)}`;
      return { status: loaded.limit === "memory" ? "memory_limit" : "timeout", message };
    }
    const t = loaded.thrown;
    const what = t.kind === "error" ? `${t.cls}: ${t.msg}` : `a ${t.cls} that is not an Error`;
    return { status: "runtime_error", message: `the module threw ${what}${studentPosition(t, this.positions)}` };
  }

  async runTest(test: GradingTest, visible: boolean, expected: Value[] | undefined): Promise<Verdict> {
    const session = this.session;
    if (session === null) throw new Error("runTest before open");
    let shown: Verdict["shown"];
    for (let i = 0; i < test.repeat; i++) {
      const args = structuredClone(test.args);
      const { timeoutMs, limit: time } = this.budget.next();
      // Spent to the last millisecond by the calls before (each under its timeout): cut before it starts.
      const cpuBefore = session.cpuMs;
      const outcome: CallOutcome = this.budget.exhausted ? { k: "limit", limit: "cpu" } : await session.call(test.call, args, timeoutMs);
      this.budget.charge(session.cpuMs - cpuBefore);
      const verdict = evaluateCall(test, outcome, expected?.[i], {
        visible,
        limits: this.limits,
        time,
        positions: this.positions,
        args: test.args,
      });
      if (verdict.limit) {
        // The context is broken: the isolate is retired when the submission ends (grading stops here).
        this.clean = false;
        return i === 0 ? verdict : { ...verdict, message: `call ${i + 1} of ${test.repeat}: ${verdict.message}` };
      }
      // A visible example shows its expected value and the student's, so the page can print or draw them.
      // null, not undefined, for what cannot be shown: the result crosses IPC as JSON.
      // `show` turns a result into what the page draws: the reference solution's result as much as the
      // student's, so both sides of a figure are alike; an explicit expected value is shown as written.
      if (visible && i === 0) {
        const reference = expected?.[0];
        const shownExpected = test.show && test.expected === undefined && reference !== undefined ? toValue(test.show(reference)) : reference;
        shown = { expected: toPlain(shownExpected) ?? null, actual: outcome.k === "ret" ? (toPlain(test.show ? toValue(test.show(outcome.value)) : outcome.value) ?? null) : null };
      }
      if (!verdict.passed) return i === 0 ? { ...verdict, shown } : { passed: false, message: `call ${i + 1} of ${test.repeat}: ${verdict.message}`, shown };
    }
    return { passed: true, message: "", shown };
  }

  close(): void {
    // The provider audits and releases the session off the critical path.
    if (this.sandbox) this.provider.giveBack(this.sandbox, this.clean && !(this.session?.tainted ?? false), this.session);
    else this.session?.release();
    this.session = null;
    this.sandbox = null;
  }
}
