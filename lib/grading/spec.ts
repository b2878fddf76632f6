/**
 * What the grading engine needs to know about an exercise: its tests as data with host-side checks,
 * limits, seed, kind-specific harness data and the reference solution. The engine defines it and
 * lib/exercises builds it (lib/exercises/grading-spec.ts), so lib/grading never reads an exercise
 * package: a loaded package (`ExercisePackage`) is one, structurally.
 */
import type { Comparator } from "./compare";
import type { LimitOverrides } from "./limits";
import type { Value } from "./value";

/** One test: the export to call, its arguments, and how the result is judged. */
export interface GradingTest {
  name: string;
  /** The export to call. */
  call: string;
  /** Plain data, copied into the sandbox by structured clone. */
  args: unknown[];
  /** Defaults to close() with the catalogue's tolerances. */
  compare?: Comparator;
  /** An explicit expected value; without one the reference solution's output is used. */
  expected?: unknown;
  /** Calls in a row with fresh copies of the arguments. */
  repeat: number;
  /** Shown to the student when the test fails. */
  hint?: string;
  /** Visible examples: what the page shows of a result (the student's and, without an explicit `expected`, the reference's), computed on the host. */
  show?: (result: Value) => unknown;
}

interface GradingExerciseBase {
  id: string;
  /** The functions a submission must export. */
  exports: string[];
  /** Visible examples, graded first: messages may reveal values. */
  examples: GradingTest[];
  /** Hidden tests: messages never reveal inputs or expected values. */
  tests: GradingTest[];
  limits?: LimitOverrides;
  /** Seed of Math.random and tfjs initialisers in the sandbox. */
  seed: number;
}

/** The kind-specific part decides which trusted harness is appended to the module (model/with-harness.ts). */
export type GradingExercise = (GradingExerciseBase & { kind: "code" }) | (GradingExerciseBase & { kind: "model"; builder: string });

export interface GradingSpec {
  exercise: GradingExercise;
  /** The reference solution's source: expected values default to its output. */
  solution: string;
  /**
   * State one submission's checks need (a data package's authored-code sandbox): the runner opens a
   * scope per submission, grades with its spec, and closes it, so nothing carries to the next one.
   */
  openSubmission?: () => SubmissionScope;
}

/** One submission's view of a spec: the same tests, with checks bound to this submission's state. */
export interface SubmissionScope {
  spec: GradingSpec;
  close(): void;
}
