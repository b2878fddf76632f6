/** The shape of a grading result, as the CLI prints it and the pool passes it between processes. */
import { z } from "zod";

export const GradeStatusSchema = z.enum(["graded", "compile_error", "runtime_error", "timeout", "memory_limit", "error"]);
export type GradeStatus = z.infer<typeof GradeStatusSchema>;

/** One test as the engine judged it (no hidden flag or misconception: those come from the exercise version). */
export const EngineTestResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  message: z.string(),
  /** Visible examples only: the expected value and the student's, as plain data. */
  shown: z.object({ expected: z.unknown().optional(), actual: z.unknown().optional() }).optional(),
  /**
   * Set when the result says nothing about the answer: the test's code hit a limit, or the test was not
   * run. It fails, with no hint, no misconception and no values shown.
   */
  unjudged: z.enum(["limit", "not_run"]).optional(),
});
export type EngineTestResult = z.infer<typeof EngineTestResultSchema>;

/** A test that was not run (the file did not compile, an earlier test hit a limit…). */
export function notRunTest(name: string, why?: string): EngineTestResult {
  return { name, passed: false, message: why === undefined ? "not run" : `not run: ${why}`, unjudged: "not_run" };
}

/** What the engine returns for one source file; lib/submissions annotates and records it as a submission's outcome. */
export const EngineResultSchema = z.object({
  status: GradeStatusSchema,
  score: z.number().min(0).max(1),
  tests: z.array(EngineTestResultSchema),
  durationMs: z.number().min(0),
  /** Captured student console output (truncated with a note). */
  console: z.string(),
  /** Why the submission as a whole did not grade normally (compile error, load failure, limit…). */
  message: z.string().optional(),
});
export type EngineResult = z.infer<typeof EngineResultSchema>;

/** Score from test results: the fraction that passed. */
export function scoreOf(tests: EngineTestResult[]): number {
  return tests.length === 0 ? 0 : tests.filter((t) => t.passed).length / tests.length;
}
