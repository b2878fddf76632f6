/** Turns one call's outcome into a pass/fail with a message a student can act on. */
import type { TimeLimit } from "./budget";
import { findMismatch, formatMismatch, toleranceOf, type Comparator } from "./compare";
import type { Limits } from "./limits";
import type { CallOutcome, LimitHit } from "./sandbox/sandbox";
import type { Thrown } from "./sandbox/decode";
import type { PositionMap } from "./source-map";
import type { GradingTest } from "./spec";
import { toValue, type Value } from "./value";

export interface EvalContext {
  /** Visible example: messages may show values. Hidden test: they never show inputs or expected values. */
  visible: boolean;
  limits: Limits;
  /** The time limit the call ran under (its own, or what was left of the budget of all tests). */
  time: TimeLimit;
  positions: PositionMap;
  args: unknown[];
}

export interface Verdict {
  passed: boolean;
  message: string;
  /** The call hit this limit: the verdict says nothing about the answer, and grading stops here. */
  limit?: LimitHit;
  /** With `limit`: the time limit the call ran under. */
  time?: TimeLimit;
  /** Visible examples only: what was expected and what came back, as plain data. */
  shown?: { expected: unknown; actual: unknown };
}

const DEFAULT_COMPARATOR: Comparator = { kind: "close", rtol: 1e-4, atol: 1e-6 };

/** "line 4, column 7" of a thrown error in the student's source, or "" if unknown. */
export function studentPosition(t: { line: number; col: number }, positions: PositionMap): string {
  if (t.line <= 0) return "";
  const p = positions.original(t.line, t.col);
  return p ? ` (line ${p.line}, column ${p.column})` : "";
}

function describeThrown(t: Thrown, ctx: EvalContext): string {
  if (t.kind === "missing") return "the export is missing or is not a function";
  if (t.kind === "value") return `threw a ${t.cls} that is not an Error`;
  const msg = ctx.visible && t.msg ? `: ${t.msg}` : "";
  return `threw ${t.cls}${msg}${studentPosition(t, ctx.positions)}`;
}

/** "1 s", "0.3 s", "2.5 s": limits are configured in ms, students read seconds. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The limit a hit ran past, named with its value: "ran past the 1 s time limit". */
function ranPast(limit: LimitHit, time: TimeLimit, memoryMb: number): string {
  if (limit === "memory") return `ran past the ${memoryMb} MB memory limit`;
  const named = `${seconds(time.ms)} time limit${time.ofAllTests ? " of all tests together" : ""}`;
  return limit === "cpu" ? `ran past the ${named}` : `did not finish within the ${named}`;
}

const WALL_NOTE = " (a promise that never settles?)";

/** What a limit hit did, under the time limit that applied (a call's, the budget's, or the module load's). */
export function limitMessage(limit: LimitHit, time: TimeLimit, memoryMb: number): string {
  return `${ranPast(limit, time, memoryMb)}${limit === "wall" ? WALL_NOTE : ""}`;
}

/** The submission's message when a test hit a limit and the tests after it were not run. */
export function stoppedAtMessage(limit: LimitHit, time: TimeLimit, memoryMb: number, testName: string, notRunCount: number): string {
  const rest = notRunCount === 0 ? "" : notRunCount === 1 ? "; the test after it was not run" : `; the ${notRunCount} tests after it were not run`;
  return `Your code ${ranPast(limit, time, memoryMb)} in test "${testName}"${limit === "wall" ? WALL_NOTE : ""}${rest}.`;
}

/** Judges one call of a test against the comparator and the expected value. */
export function evaluateCall(test: GradingTest, outcome: CallOutcome, expected: Value | undefined, ctx: EvalContext): Verdict {
  const comparator = test.compare ?? DEFAULT_COMPARATOR;
  if (outcome.k === "limit") return { passed: false, message: limitMessage(outcome.limit, ctx.time, ctx.limits.memoryMb), limit: outcome.limit, time: ctx.time };
  if (outcome.k === "bad") return { passed: false, message: `the result could not be read: ${outcome.why}` };
  if (comparator.kind === "throws") {
    if (outcome.k === "ret") return { passed: false, message: `should throw ${comparator.errorType ?? "an Error"}, but returned a value` };
    const t = outcome.thrown;
    if (t.kind !== "error") return { passed: false, message: describeThrown(t, ctx) };
    if (comparator.errorType && comparator.errorType !== "Error" && t.cls !== comparator.errorType) {
      return { passed: false, message: `should throw ${comparator.errorType}, but ${describeThrown(t, ctx)}` };
    }
    return { passed: true, message: "" };
  }
  if (outcome.k === "throw") return { passed: false, message: describeThrown(outcome.thrown, ctx) };
  const changed = findMismatch(toValue(ctx.args), outcome.argsAfter, { rtol: 0, atol: 0 });
  if (changed) return { passed: false, message: "modified its arguments (return a new value instead)" };
  if (comparator.kind === "check") {
    const verdict = comparator.check(outcome.value, { args: ctx.args, expected });
    return verdict === true ? { passed: true, message: "" } : { passed: false, message: verdict };
  }
  if (expected === undefined) throw new Error(`no expected value for test "${test.name}"`);
  const mismatch = findMismatch(expected, outcome.value, toleranceOf(comparator));
  if (mismatch) return { passed: false, message: formatMismatch(mismatch, ctx.visible) };
  return { passed: true, message: "" };
}
