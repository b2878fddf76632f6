import { SERIES_EXPORT, SERIES_HARNESS_SOURCE } from "../series-harness";
import type { GradingSpec } from "../spec";
import { modelHarnessSource } from "./harness";

/**
 * The source the sandbox runs for a package: the student's lines first (so line numbers stay theirs),
 * then the model harness for a model exercise and the series harness when a test draws a series.
 */
export function sourceToGrade(spec: GradingSpec, source: string): string {
  let graded = source;
  if (spec.exercise.kind === "model") graded += `\n${modelHarnessSource(spec.exercise.builder)}`;
  const tests = [...spec.exercise.examples, ...spec.exercise.tests];
  if (tests.some((test) => test.call === SERIES_EXPORT)) graded += `\n${SERIES_HARNESS_SOURCE}`;
  return graded;
}
