/**
 * What a stored quiz attempt shows its student: each answer as the options' text (not choice ids) and,
 * only when the caller says they are released, the explanations rendered under the attempt's params.
 */
import { renderInline, renderPrompt } from "../render/render-prompt";
import { createVariant, drawParams } from "./variant";
import { QuizAnswersSchema, QuizVariantSchema, type Question, type Quiz, type QuizVariant } from "./schema";

export interface AnsweredQuestion {
  questionId: string;
  /** 1-based, as the page numbers questions. */
  number: number;
  /** Choice questions: the chosen options' text as sanitised inline HTML, in the order they were shown. */
  choicesHtml?: string[];
  /** Numeric questions: what the student typed. */
  text?: string;
}

/** The attempt's variant as stored, or (for rows stored without one) redrawn from its seed. */
export function storedVariant(quiz: Quiz, variant: unknown, seed: number): QuizVariant {
  const parsed = QuizVariantSchema.safeParse(variant);
  return parsed.success ? parsed.data : createVariant(quiz, seed >>> 0);
}

function paramsOf(question: Question, variant: QuizVariant) {
  return variant.questions[question.id]?.params ?? drawParams(question, variant.seed);
}

function chosenIds(question: Question & { kind: "single" | "multiple" }, answer: unknown, variant: QuizVariant): string[] {
  const picked = new Set(Array.isArray(answer) ? answer : [answer]);
  const order = variant.questions[question.id]?.choiceOrder ?? question.choices.map((c) => c.id);
  return order.filter((id) => picked.has(id));
}

/** The student's answers to each question of `quiz`, readable; unanswered questions have empty answers. */
export function answeredQuestions(quiz: Quiz, variant: QuizVariant, answers: unknown): AnsweredQuestion[] {
  const parsed = QuizAnswersSchema.safeParse(answers);
  const byId = parsed.success ? parsed.data : {};
  return quiz.questions.map((question, index) => {
    const answer = byId[question.id];
    const base = { questionId: question.id, number: index + 1 };
    if (question.kind === "numeric") return { ...base, text: typeof answer === "string" || typeof answer === "number" ? String(answer) : "" };
    const params = paramsOf(question, variant);
    const text = new Map(question.choices.map((c) => [c.id, c.text]));
    return { ...base, choicesHtml: chosenIds(question, answer, variant).map((id) => renderInline(text.get(id) ?? "", { params })) };
  });
}

/** Each question's explanation under the attempt's params, by question id; call only once released. */
export function releasedExplanations(quiz: Quiz, variant: QuizVariant): Map<string, string> {
  const out = new Map<string, string>();
  for (const question of quiz.questions) {
    if (question.explanation) out.set(question.id, renderPrompt(question.explanation, { params: paramsOf(question, variant) }));
  }
  return out;
}
