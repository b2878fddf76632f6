/** What the sandbox runs for an exercise package: a source (the student's or the solution) and the package's harness. */
import { compileWithHarness, type CompileResult } from "./compile";
import { sourceToGrade } from "./model/with-harness";
import type { GradingSpec } from "./spec";

/** The trusted source a package appends to every module: sourceToGrade appends it after what it is given. */
export function harnessOf(spec: GradingSpec): string {
  return sourceToGrade(spec, "");
}

/** Compiles a source for a package, harness appended, with errors and positions in the source's own lines. */
export function compileForPackage(spec: GradingSpec, source: string): CompileResult {
  return compileWithHarness(source, harnessOf(spec));
}
