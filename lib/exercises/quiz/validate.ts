/**
 * Load-time checks of an authored quiz. Reports every problem, each naming the question id and field,
 * instead of stopping at the first: the zod schema first, then what zod cannot see (unique ids, the
 * answer key under sampled variants, placeholders without a param).
 */
import { findPlaceholders } from "../render/placeholders";
import { expectedAnswer } from "./expected";
import { z } from "zod";
import { QuestionSchema, type Params, type Question, type Quiz } from "./schema";
import { drawParams } from "./variant";

export interface QuizIssue {
  /** The question's id when the problem belongs to one. */
  questionId?: string;
  /** Where in the question (or quiz) the problem is, e.g. "choices[2].id" or "prompt". */
  field: string;
  message: string;
}

export interface QuizValidation {
  quiz: Quiz | null;
  errors: QuizIssue[];
  warnings: QuizIssue[];
}

/** Seeds tried per question: enough to catch params that break for some students, cheap at load. */
const SAMPLE_SEEDS = Array.from({ length: 24 }, (_, i) => (i * 0x9e3779b1) >>> 0);
const REVEALING_ID = /correct|right|wrong|true|false|answer|key/i;

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

const QuizShapeSchema = z.object({ questions: z.array(z.unknown()).min(1, "a quiz needs at least one question") });

function rawQuestionId(question: unknown): string | undefined {
  if (question === null || typeof question !== "object" || !("id" in question)) return undefined;
  return typeof question.id === "string" && question.id !== "" ? question.id : undefined;
}

function schemaIssues(raw: unknown, index: number, issues: readonly { path: readonly PropertyKey[]; message: string }[]): QuizIssue[] {
  const questionId = rawQuestionId(raw);
  return issues.map((issue) => {
    const field = pathText(issue.path) || "(question)";
    return questionId ? { questionId, field, message: issue.message } : { field: `questions[${index}].${field}`, message: issue.message };
  });
}

function texts(question: Question): { field: string; text: string }[] {
  const out = [{ field: "prompt", text: question.prompt }];
  if (question.explanation) out.push({ field: "explanation", text: question.explanation });
  if (question.kind !== "numeric") question.choices.forEach((c, i) => out.push({ field: `choices[${i}].text`, text: c.text }));
  return out;
}

function checkQuestion(question: Question, errors: QuizIssue[], warnings: QuizIssue[]): void {
  const add = (list: QuizIssue[], field: string, message: string): void => {
    if (!list.some((i) => i.questionId === question.id && i.field === field && i.message === message)) list.push({ questionId: question.id, field, message });
  };
  if (question.kind !== "numeric") {
    const seen = new Set<string>();
    question.choices.forEach((c, i) => {
      if (seen.has(c.id)) add(errors, `choices[${i}].id`, `duplicate choice id "${c.id}"`);
      seen.add(c.id);
      if (REVEALING_ID.test(c.id)) add(warnings, `choices[${i}].id`, `choice id "${c.id}" is sent to the browser and may give the answer away`);
    });
    if (question.answer && question.choices.some((c) => c.correct !== undefined)) add(warnings, "choices", "`correct` flags are ignored because `answer` decides per variant");
  }
  const used = new Set<string>();
  const drawn: string[] = [];
  let firstParams: Params = {};
  for (const seed of question.params ? SAMPLE_SEEDS : [0]) {
    let params: Params;
    try {
      params = drawParams(question, seed);
    } catch (error) {
      add(errors, "params", error instanceof Error ? error.message : String(error));
      return;
    }
    if (drawn.length === 0) firstParams = params;
    drawn.push(JSON.stringify(params));
    for (const { field, text } of texts(question)) {
      for (const name of findPlaceholders(text)) {
        used.add(name);
        if (!Object.hasOwn(params, name)) add(errors, field, `placeholder {{${name}}} has no matching param`);
      }
    }
    const key = expectedAnswer(question, params);
    if (!key.ok) add(errors, key.field, key.error);
  }
  if (question.params && new Set(drawn).size === 1) add(warnings, "params", "params give the same values for every seed");
  for (const name of Object.keys(firstParams)) if (!used.has(name)) add(warnings, "params", `param "${name}" is not used by any placeholder`);
}

/** Validates an authored quiz (untrusted module content) and returns it parsed, with every error and warning. */
export function validateQuiz(input: unknown): QuizValidation {
  const shape = QuizShapeSchema.safeParse(input);
  if (!shape.success) {
    return { quiz: null, errors: shape.error.issues.map((i) => ({ field: pathText(i.path) || "(quiz)", message: i.message })), warnings: [] };
  }
  const errors: QuizIssue[] = [];
  const warnings: QuizIssue[] = [];
  const questions: Question[] = [];
  const ids = new Set<string>();
  // Each question is parsed on its own, so one broken question does not hide the others' problems.
  shape.data.questions.forEach((raw, i) => {
    const parsed = QuestionSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...schemaIssues(raw, i, parsed.error.issues));
      return;
    }
    const question = parsed.data;
    if (ids.has(question.id)) errors.push({ questionId: question.id, field: "id", message: `duplicate question id "${question.id}" (questions[${i}])` });
    ids.add(question.id);
    questions.push(question);
    checkQuestion(question, errors, warnings);
  });
  return { quiz: errors.length === 0 ? { questions } : null, errors, warnings };
}
