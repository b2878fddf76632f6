/**
 * Diagnostics an untyped, catalogue-valid solution would get that say nothing about a real mistake. The grader
 * accepts plain JavaScript, so the editor must not shout at it. Measured over every right solution in the
 * test corpora (scripts/bench-editor.ts); each entry says why it is noise.
 */
import type ts from "typescript";

const NOISE_CODES = new Set<number>([
  // "'x' is declared but its value is never read": a suggestion, never an error.
  6133,
  6196,
]);

export function isNoise(diagnostic: ts.Diagnostic, _file: ts.SourceFile): boolean {
  return NOISE_CODES.has(diagnostic.code);
}
