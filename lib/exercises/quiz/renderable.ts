/**
 * What the browser may see of a quiz variant: rendered prompts and choices. Built field by field from
 * an allow-list, never by spreading a question, so answers, `correct` flags, tolerances, params and
 * explanations cannot leak into the page.
 */
import { renderInline, renderPrompt } from "../render/render-prompt";
import { drawParams } from "./variant";
import type { Question, Quiz, QuizVariant } from "./schema";

export interface RenderableChoice {
  id: string;
  html: string;
}

export type RenderableQuestion =
  | { id: string; kind: "single" | "multiple"; points: number; promptHtml: string; choices: RenderableChoice[] }
  | { id: string; kind: "numeric"; points: number; promptHtml: string; unit?: string };

export interface RenderableQuiz {
  questions: RenderableQuestion[];
}

function orderedChoices(question: Question & { kind: "single" | "multiple" }, order: string[] | undefined) {
  if (!order) return question.choices;
  const rank = new Map(order.map((id, i) => [id, i]));
  // Choices missing from a stored order (added later) go last, in authored order.
  return [...question.choices].sort((a, b) => (rank.get(a.id) ?? order.length) - (rank.get(b.id) ?? order.length));
}

function renderQuestion(question: Question, variant: QuizVariant): RenderableQuestion {
  const stored = variant.questions[question.id];
  const params = stored?.params ?? drawParams(question, variant.seed);
  const promptHtml = renderPrompt(question.prompt, { params });
  if (question.kind === "numeric") {
    const numeric: RenderableQuestion = { id: question.id, kind: "numeric", points: question.points, promptHtml };
    if (question.unit !== undefined) numeric.unit = question.unit;
    return numeric;
  }
  const choices = orderedChoices(question, stored?.choiceOrder).map((c) => ({ id: c.id, html: renderInline(c.text, { params }) }));
  return { id: question.id, kind: question.kind, points: question.points, promptHtml, choices };
}

/** The student-facing view of `quiz` under `variant`: no answers, keys, tolerances or params. */
export function renderableQuiz(quiz: Quiz, variant: QuizVariant): RenderableQuiz {
  return { questions: quiz.questions.map((q) => renderQuestion(q, variant)) };
}
