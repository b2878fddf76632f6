/** The key of one question under one variant's params: which choices are correct, or the expected number. */
import type { ChoiceQuestion, NumericQuestion, Params, Question } from "./schema";

export type Expected =
  | { kind: "single"; choiceId: string }
  | { kind: "multiple"; choiceIds: string[] }
  | { kind: "numeric"; value: number; atol: number; rtol: number };

export type ExpectedResult = { ok: true; expected: Expected } | { ok: false; field: string; error: string };

function failure(field: string, error: unknown): ExpectedResult {
  return { ok: false, field, error: error instanceof Error ? error.message : String(error) };
}

function choiceKey(question: ChoiceQuestion, params: Params): ExpectedResult {
  const ids = new Set(question.choices.map((c) => c.id));
  let picked: unknown;
  try {
    picked = question.answer ? question.answer(params) : question.choices.filter((c) => c.correct).map((c) => c.id);
  } catch (error) {
    return failure("answer", error);
  }
  const list: unknown[] = Array.isArray(picked) ? picked : [picked];
  const unknown = list.filter((id) => typeof id !== "string" || !ids.has(id));
  if (unknown.length > 0) return failure("answer", `names no choice of this question: ${JSON.stringify(unknown)}`);
  const choiceIds = [...new Set(list.filter((id): id is string => typeof id === "string"))];
  if (question.kind === "single") {
    if (Array.isArray(picked) && question.answer) return failure("answer", "must return one choice id, not an array");
    if (choiceIds.length !== 1) return failure(question.answer ? "answer" : "choices", `a single-choice question needs exactly 1 correct choice, found ${choiceIds.length}`);
    return { ok: true, expected: { kind: "single", choiceId: choiceIds[0] ?? "" } };
  }
  if (question.answer && !Array.isArray(picked)) return failure("answer", "must return an array of choice ids");
  if (choiceIds.length === 0) return failure(question.answer ? "answer" : "choices", "a multiple-choice question needs at least 1 correct choice");
  return { ok: true, expected: { kind: "multiple", choiceIds } };
}

function numericKey(question: NumericQuestion, params: Params): ExpectedResult {
  let value: unknown;
  try {
    value = typeof question.answer === "function" ? question.answer(params) : question.answer;
  } catch (error) {
    return failure("answer", error);
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return failure("answer", `must be a finite number, got ${String(value)}`);
  return { ok: true, expected: { kind: "numeric", value, atol: question.atol, rtol: question.rtol } };
}

/** Computes a question's key for the given params; author mistakes come back as errors naming the field. */
export function expectedAnswer(question: Question, params: Params): ExpectedResult {
  return question.kind === "numeric" ? numericKey(question, params) : choiceKey(question, params);
}
