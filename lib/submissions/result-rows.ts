import type { NewTestResultRow } from "../db/schema";
import type { z } from "zod";
import type { StoredGradeSchema } from "./stored-grade";

/** The test_results rows of a graded code submission, wherever it is written (grading or regrade). */
export function codeTestRows(submissionId: string, tests: z.output<typeof StoredGradeSchema>["tests"]): NewTestResultRow[] {
  return tests.map((test, position) => ({
    submissionId,
    position,
    name: test.name,
    hidden: test.hidden,
    passed: test.passed,
    message: test.message,
    misconception: test.passed ? null : (test.misconception ?? null),
    // Never stored for a hidden test, whatever the grader sent.
    shown: test.hidden || !test.shown ? null : test.shown,
  }));
}
