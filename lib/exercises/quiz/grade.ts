/**
 * Grading a quiz submission: pure host code over the stored variant, so the same answers always score
 * the same. Nothing here throws on a student's input: a malformed answer scores 0 with a message.
 *
 * Partial credit: single choice and numeric are all or nothing. Multiple choice scores
 * (correct picks − wrong picks) / number of correct choices, floored at 0, so ticking every box earns
 * nothing and one wrong pick cancels one right one.
 */
import { renderPrompt } from "../render/render-prompt";
import { expectedAnswer, type Expected } from "./expected";
import { parseNumericAnswer, withinTolerance } from "./numeric-answer";
import { drawParams } from "./variant";
import {
  MultipleAnswerSchema,
  NumericAnswerSchema,
  QuizAnswersSchema,
  SingleAnswerSchema,
  type Params,
  type Question,
  type Quiz,
  type QuizVariant,
} from "./schema";

export type QuestionStatus = "correct" | "partial" | "incorrect" | "unanswered" | "invalid" | "error";

export interface QuestionFeedback {
  questionId: string;
  status: QuestionStatus;
  /** Fraction of the question earned, 0..1. */
  score: number;
  points: number;
  earned: number;
  message: string;
  /** The author's explanation, rendered and sanitised; present once the question is graded. */
  explanationHtml?: string;
}

export interface QuizGrade {
  /** Earned points over possible points, 0..1. */
  score: number;
  earned: number;
  possible: number;
  questions: QuestionFeedback[];
}

type Outcome = { status: QuestionStatus; score: number; message: string };

const STATUS_MESSAGE: Record<"correct" | "incorrect", string> = { correct: "Correct.", incorrect: "Incorrect." };

function byScore(score: number): Outcome {
  if (score >= 1) return { status: "correct", score: 1, message: STATUS_MESSAGE.correct };
  if (score <= 0) return { status: "incorrect", score: 0, message: STATUS_MESSAGE.incorrect };
  return { status: "partial", score, message: `Partly correct (${Math.round(score * 100)}% of the points).` };
}

function invalid(message: string): Outcome {
  return { status: "invalid", score: 0, message };
}

function gradeSingle(choiceIds: Set<string>, expected: Expected & { kind: "single" }, answer: unknown): Outcome {
  const parsed = SingleAnswerSchema.safeParse(answer);
  if (!parsed.success) return invalid("Pick one choice.");
  if (!choiceIds.has(parsed.data)) return invalid("That choice is not part of this question.");
  return byScore(parsed.data === expected.choiceId ? 1 : 0);
}

function gradeMultiple(choiceIds: Set<string>, expected: Expected & { kind: "multiple" }, answer: unknown): Outcome {
  const parsed = MultipleAnswerSchema.safeParse(answer);
  if (!parsed.success) return invalid("Send the chosen choices as a list.");
  if (parsed.data.some((id) => !choiceIds.has(id))) return invalid("A chosen choice is not part of this question.");
  const picks = new Set(parsed.data);
  const correct = new Set(expected.choiceIds);
  let right = 0;
  for (const id of picks) if (correct.has(id)) right += 1;
  const wrong = picks.size - right;
  return byScore(Math.max(0, (right - wrong) / correct.size));
}

function gradeNumeric(expected: Expected & { kind: "numeric" }, answer: unknown): Outcome {
  const parsed = NumericAnswerSchema.safeParse(answer);
  if (!parsed.success) return invalid("Enter a number.");
  const value = parseNumericAnswer(parsed.data);
  if (!value.ok) return invalid(value.message);
  return byScore(withinTolerance(value.value, expected.value, expected.atol, expected.rtol) ? 1 : 0);
}

function isBlank(answer: unknown): boolean {
  return answer === undefined || answer === null || (typeof answer === "string" && answer.trim() === "") || (Array.isArray(answer) && answer.length === 0);
}

function paramsFor(question: Question, variant: QuizVariant): Params {
  // A question added after the attempt was stored has no saved params; the seed still makes them stable.
  return variant.questions[question.id]?.params ?? drawParams(question, variant.seed);
}

function gradeQuestion(question: Question, params: Params, answer: unknown): Outcome {
  const key = expectedAnswer(question, params);
  if (!key.ok) return { status: "error", score: 0, message: "This question could not be graded; your instructor has been told." };
  if (isBlank(answer)) return { status: "unanswered", score: 0, message: "No answer given." };
  const choiceIds = new Set(question.kind === "numeric" ? [] : question.choices.map((c) => c.id));
  switch (key.expected.kind) {
    case "single":
      return gradeSingle(choiceIds, key.expected, answer);
    case "multiple":
      return gradeMultiple(choiceIds, key.expected, answer);
    case "numeric":
      return gradeNumeric(key.expected, answer);
  }
}

/** Grades `answers` (untrusted, parsed here) against `quiz` under the stored `variant`. */
export function gradeQuiz(quiz: Quiz, variant: QuizVariant, answers: unknown): QuizGrade {
  const parsedAnswers = QuizAnswersSchema.safeParse(answers);
  const byId = parsedAnswers.success ? parsedAnswers.data : {};
  const questions = quiz.questions.map((question): QuestionFeedback => {
    let outcome: Outcome;
    let params: Params = {};
    try {
      params = paramsFor(question, variant);
      outcome = parsedAnswers.success ? gradeQuestion(question, params, byId[question.id]) : invalid("The answers could not be read.");
    } catch {
      outcome = { status: "error", score: 0, message: "This question could not be graded; your instructor has been told." };
    }
    const feedback: QuestionFeedback = {
      questionId: question.id,
      status: outcome.status,
      score: outcome.score,
      points: question.points,
      earned: outcome.score * question.points,
      message: outcome.message,
    };
    if (question.explanation && outcome.status !== "error") feedback.explanationHtml = renderPrompt(question.explanation, { params });
    return feedback;
  });
  const possible = questions.reduce((sum, q) => sum + q.points, 0);
  const earned = questions.reduce((sum, q) => sum + q.earned, 0);
  return { score: possible > 0 ? earned / possible : 0, earned, possible, questions };
}
