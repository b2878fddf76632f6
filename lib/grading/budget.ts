/**
 * One time budget for all the test calls of a submission. Each call may run for `callMs` or what is
 * left of the budget, whichever is less, so a loop that is slow in every test (just under the call
 * limit each time) ends after the budget, not after tests × callMs.
 */
import type { Limits } from "./limits";
import type { GradingExercise } from "./spec";

/** The time limit one call runs under, named as a student reads it. */
export interface TimeLimit {
  /** The limit as configured: a call's `callMs`, the module load's `loadMs`, or the whole budget. */
  ms: number;
  /** The call was cut by what was left of the budget of all tests together. */
  ofAllTests: boolean;
}

/** Plain exercises: all test calls together may take this many call limits (2 s with the defaults). */
export const CALL_LIMITS_PER_BUDGET = 2;

/**
 * The budget of all test calls of one submission: a model exercise trains in its tests and keeps its
 * whole submission limit; any other exercise gets twice its call limit (an author who raises `callMs`
 * raises the budget with it). `submissionMs` stays the hard stop (the supervisor's SIGKILL) either way.
 */
export function testsBudgetMs(limits: Pick<Limits, "callMs" | "submissionMs">, kind: GradingExercise["kind"]): number {
  return kind === "model" ? limits.submissionMs : CALL_LIMITS_PER_BUDGET * limits.callMs;
}

export class CallBudget {
  private spentMs = 0;

  constructor(
    readonly totalMs: number,
    private readonly callMs: number,
  ) {}

  /** Nothing left: the next call would be cut before it starts. */
  get exhausted(): boolean {
    return this.spentMs >= this.totalMs;
  }

  /** The next call's timeout (≥ 1 ms: isolated-vm needs a positive one) and the limit it would hit. */
  next(): { timeoutMs: number; limit: TimeLimit } {
    const left = this.totalMs - this.spentMs;
    if (left >= this.callMs) return { timeoutMs: this.callMs, limit: { ms: this.callMs, ofAllTests: false } };
    return { timeoutMs: Math.max(1, Math.floor(left)), limit: { ms: this.totalMs, ofAllTests: true } };
  }

  /** Charges one call's time: the isolate's CPU time during the call (`Session.cpuMs`), not host wall time. */
  charge(ms: number): void {
    this.spentMs += ms;
  }
}
