/**
 * Checks a quiz submission before anything counts: only the quiz's question ids, each answer of its
 * question's shape (a choice id, a list of choice ids, a number or numeric string), every question
 * answered, every numeric answer readable as one number, every choice one of the question's. A
 * submission that fails is refused with a message naming each question ("Question 2: …"), so it
 * spends no attempt, gets no score and is never stored.
 */
import { z } from "zod";
import { hasControlCharacter } from "../../http/safe-text";
import { parseNumericAnswer } from "./numeric-answer";
import { MultipleAnswerSchema, NumericAnswerSchema, SingleAnswerSchema, QuizAnswersSchema, type Question, type Quiz, type QuizAnswers } from "./schema";

export interface AnswerProblem {
  questionId: string;
  /** 1-based, as the page numbers questions. */
  number: number;
  message: string;
}

export type AnswerCheck = { ok: true } | { ok: false; problems: AnswerProblem[]; message: string };

function isBlank(answer: unknown): boolean {
  return answer === undefined || answer === null || (typeof answer === "string" && answer.trim() === "") || (Array.isArray(answer) && answer.length === 0);
}

function problemOf(question: Question, answer: unknown): string | null {
  if (isBlank(answer)) return "no answer yet";
  if (question.kind === "numeric") {
    const raw = NumericAnswerSchema.safeParse(answer);
    if (!raw.success) return "Enter a number.";
    const value = parseNumericAnswer(raw.data);
    return value.ok ? null : value.message;
  }
  const ids = new Set(question.choices.map((c) => c.id));
  const picked = question.kind === "single" ? SingleAnswerSchema.safeParse(answer) : MultipleAnswerSchema.safeParse(answer);
  if (!picked.success) return question.kind === "single" ? "Pick one choice." : "Send the chosen choices as a list.";
  const list = Array.isArray(picked.data) ? picked.data : [picked.data];
  return list.every((id) => ids.has(id)) ? null : "A chosen choice is not part of this question; reload the page.";
}

function summary(problems: AnswerProblem[]): string {
  const unanswered = problems.filter((p) => p.message === "no answer yet").map((p) => p.number);
  const others = problems.filter((p) => p.message !== "no answer yet").map((p) => `Question ${p.number}: ${p.message}`);
  const parts = [...others];
  if (unanswered.length > 0) {
    const list = unanswered.length === 1 ? `question ${unanswered[0]}` : `questions ${unanswered.slice(0, -1).join(", ")} and ${unanswered.at(-1)}`;
    parts.push(`Answer ${list} too.`);
  }
  return `Nothing was submitted and no attempt was used. ${parts.join(" ")}`;
}

const OneLine = z.string().max(64).refine((text) => !hasControlCharacter(text));

/** The one shape an answer to `question` may have; null or absent means unanswered. */
function answerShapeOf(question: Question): z.ZodType {
  if (question.kind === "single") return OneLine.nullable();
  if (question.kind === "multiple") return z.array(OneLine).max(question.choices.length).nullable();
  return z.union([z.number(), OneLine]).nullable();
}

const SHAPE_MESSAGE: Record<Question["kind"], string> = {
  single: "Pick one choice.",
  multiple: "Send the chosen choices as a list.",
  numeric: "Enter a number.",
};

/**
 * Whether `answers` is an object of this quiz's question ids, each answer of its question's shape
 * (blanks allowed): what may be graded and stored at all, for students and staff previews alike.
 */
export function checkAnswerShapes(quiz: Quiz, answers: unknown): AnswerCheck & { answers?: QuizAnswers } {
  const parsed = QuizAnswersSchema.safeParse(answers);
  if (!parsed.success) return { ok: false, problems: [], message: "The answers must be an object of question ids. Nothing was submitted." };
  const byId = parsed.data;
  const known = new Set(quiz.questions.map((q) => q.id));
  if (Object.keys(byId).some((id) => !known.has(id))) {
    return { ok: false, problems: [], message: "This quiz has changed since you opened it. Reload the page; nothing was submitted." };
  }
  const problems: AnswerProblem[] = [];
  quiz.questions.forEach((question, index) => {
    if (!answerShapeOf(question).optional().safeParse(byId[question.id]).success) {
      problems.push({ questionId: question.id, number: index + 1, message: SHAPE_MESSAGE[question.kind] });
    }
  });
  return problems.length === 0 ? { ok: true, answers: byId } : { ok: false, problems, message: summary(problems) };
}

/** Whether `answers` can be graded as they are; otherwise every problem, each naming its question. */
export function checkQuizAnswers(quiz: Quiz, answers: unknown): AnswerCheck {
  const shapes = checkAnswerShapes(quiz, answers);
  if (!shapes.ok || !shapes.answers) return shapes;
  const byId = shapes.answers;
  const problems: AnswerProblem[] = [];
  quiz.questions.forEach((question, index) => {
    const message = problemOf(question, byId[question.id]);
    if (message !== null) problems.push({ questionId: question.id, number: index + 1, message });
  });
  return problems.length === 0 ? { ok: true } : { ok: false, problems, message: summary(problems) };
}
