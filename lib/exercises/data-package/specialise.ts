/**
 * A sandboxed quiz made ordinary for one seed: the params and answers that checks.ts computed in the
 * sandbox (H1's quiz-variants task) become constant functions, so createVariant, grading and the answer
 * key work unchanged — for that seed only.
 */
import { z } from "zod";
import type { QuizKindPackage } from "../package";
import { ParamsSchema, type Question } from "../quiz";

/** What the sandbox computed for one seed: each sandboxed question's params and, when checks.ts decides it, its answer. */
export const ComputedQuizSchema = z.object({
  questions: z.record(z.string(), z.object({ params: ParamsSchema, answer: z.unknown().optional() })),
});
export type ComputedQuiz = z.infer<typeof ComputedQuizSchema>;

function specialiseQuestion(question: Question, computed: ComputedQuiz["questions"][string] | undefined): Question {
  if (computed === undefined) {
    if (question.params === undefined && typeof question.answer !== "function") return question;
    throw new Error(`question "${question.id}": the sandbox computed nothing for it`);
  }
  const params = computed.params;
  const specialised = question.params === undefined ? question : { ...question, params: () => params };
  if (typeof question.answer !== "function") return specialised as Question;
  if (!("answer" in computed)) throw new Error(`question "${question.id}": the sandbox computed no answer for it`);
  const answer = computed.answer;
  // The answer's type is checked where it is used (lib/exercises/quiz/expected.ts), as for any authored answer.
  return { ...specialised, answer: () => answer } as Question;
}

/** The quiz with its sandboxed params and answers replaced by the values computed for one seed. */
export function specialiseQuiz(pkg: QuizKindPackage, computed: ComputedQuiz): QuizKindPackage {
  const questions = pkg.quiz.questions.map((question) => specialiseQuestion(question, computed.questions[question.id]));
  return { ...pkg, quiz: { ...pkg.quiz, questions } };
}
