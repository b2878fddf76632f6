import type { NewTestResultRow } from "../db/schema";
import type { QuizGrade } from "../exercises/quiz";
import type { z } from "zod";
import type { StoredGradeSchema } from "./lifecycle";

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

/** The test_results rows of a graded quiz: one per question, none hidden. */
export function quizTestRows(submissionId: string, grade: QuizGrade): NewTestResultRow[] {
  return grade.questions.map((question, position) => ({
    submissionId,
    position,
    name: question.questionId,
    hidden: false,
    passed: question.status === "correct",
    message: question.message,
  }));
}
