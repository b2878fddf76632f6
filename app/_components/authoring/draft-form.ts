/**
 * The editor's form state and the package files it stands for. The form keeps what the author typed
 * (JSON arguments as text, numbers as text) so that a half-typed value is shown with its error instead of
 * being lost; `draftFiles` turns the state back into the files saveDraft takes: exercise.json as pretty
 * JSON (2 spaces, a final newline), prompt.md, starter.ts, solution.ts and checks.ts when it holds anything.
 */

export type PackageFiles = Record<string, string>;

export const COMPARATORS = ["close", "exact", "throws", "check"] as const;
export type ComparatorKind = (typeof COMPARATORS)[number];
export const ERROR_TYPES = ["Error", "RangeError", "TypeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"] as const;
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const QUESTION_KINDS = ["single", "multiple", "numeric"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One row of the tests table: a visible example or a hidden test. */
export interface TestRow {
  key: string;
  name: string;
  call: string;
  /** JSON array, as typed. */
  argsText: string;
  /** JSON value, as typed; blank = the reference solution's output. */
  expectedText: string;
  compare: ComparatorKind;
  /** False when the test had no `compare` (the default, close): left out again unless changed. */
  compareGiven: boolean;
  rtol: string;
  atol: string;
  errorType: string;
  check: string;
  visible: boolean;
  misconception: string;
  hint: string;
  /** Fields the table does not edit (repeat), kept as they were. */
  rest: Record<string, unknown>;
  /** The test's keys as they were, so that saving an unchanged test writes the same bytes. */
  order: string[];
}

export interface ChoiceRow {
  key: string;
  order: string[];
  id: string;
  text: string;
  correct: boolean;
}

export interface QuestionRow {
  key: string;
  /** The question's keys as they were. */
  order: string[];
  id: string;
  kind: QuestionKind;
  prompt: string;
  points: string;
  explanation: string;
  params: string;
  /** single/multiple: an export name (blank = the choices marked correct); numeric: a number or an export name. */
  answer: string;
  choices: ChoiceRow[];
  shuffle: boolean;
  atol: string;
  rtol: string;
  unit: string;
}

export interface Meta {
  id: string;
  title: string;
  topic: string;
  points: string;
  difficulty: string;
}

export interface CodeFields {
  exports: string;
  generators: string;
  seed: string;
  /** Limit overrides by name, as typed (blank = the default). */
  limits: Record<string, string>;
}

export interface DraftForm {
  kind: "code" | "quiz";
  meta: Meta;
  code: CodeFields;
  tests: TestRow[];
  questions: QuestionRow[];
  prompt: string;
  starter: string;
  solution: string;
  checks: string;
  /** Fields of exercise.json the form does not know, kept as they were. */
  extra: Record<string, unknown>;
  /** exercise.json's keys as they were. */
  order: string[];
}

export const LIMIT_FIELDS = [
  ["callMs", "Time per test call (ms)"],
  ["loadMs", "Time to load the module (ms)"],
  ["submissionMs", "Time per submission (ms)"],
  ["memoryMb", "Memory (MB)"],
] as const;

let counter = 0;
/** A key for a new row (React lists), unique in this page. */
export const newKey = () => `row-${++counter}`;

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const json = (value: unknown) => JSON.stringify(value);

function testRow(test: Record<string, unknown>, visible: boolean): TestRow {
  const { name, call, args, expected, compare, misconception, hint, ...rest } = test;
  const comparator = (compare ?? { kind: "close" }) as Record<string, unknown>;
  const kind = (COMPARATORS as readonly string[]).includes(String(comparator.kind)) ? (comparator.kind as ComparatorKind) : "close";
  return {
    key: newKey(),
    name: text(name),
    call: text(call),
    argsText: json(args ?? []),
    expectedText: expected === undefined ? "" : json(expected),
    compare: kind,
    compareGiven: compare !== undefined,
    rtol: kind === "close" ? text(comparator.rtol) : "",
    atol: kind === "close" ? text(comparator.atol) : "",
    errorType: kind === "throws" ? text(comparator.errorType) : "",
    check: kind === "check" ? text(comparator.check) : "",
    visible,
    misconception: text(misconception),
    hint: text(hint),
    rest,
    order: Object.keys(test),
  };
}

function questionRow(question: Record<string, unknown>): QuestionRow {
  const kind = (QUESTION_KINDS as readonly string[]).includes(String(question.kind)) ? (question.kind as QuestionKind) : "single";
  const choices = Array.isArray(question.choices) ? (question.choices as Array<Record<string, unknown>>) : [];
  return {
    key: newKey(),
    order: Object.keys(question),
    id: text(question.id),
    kind,
    prompt: text(question.prompt),
    points: text(question.points),
    explanation: text(question.explanation),
    params: text(question.params),
    answer: text(question.answer),
    choices: choices.map((choice) => ({ key: newKey(), order: Object.keys(choice), id: text(choice.id), text: text(choice.text), correct: choice.correct === true })),
    shuffle: question.shuffle === true,
    atol: text(question.atol),
    rtol: text(question.rtol),
    unit: text(question.unit),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The form for a package's files; null when exercise.json is not a JSON object (the raw file is edited instead). */
export function formOfFiles(files: PackageFiles): DraftForm | null {
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(files["exercise.json"] ?? "");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    data = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const { id, title, topic, points, difficulty, kind, exports, examples, tests, generators, seed, limits, questions, ...extra } = data;
  // The form edits objects: a list holding anything else (null, a number) is left to the raw editor.
  const questionList = Array.isArray(questions) ? (questions as unknown[]) : [];
  const rows = [examples, tests, questions].flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : []));
  const choices = questionList.flatMap((question) => (isPlainObject(question) && Array.isArray(question.choices) ? (question.choices as unknown[]) : []));
  if (![...rows, ...choices].every(isPlainObject)) return null;
  const list = (value: unknown) => (Array.isArray(value) ? (value as Array<Record<string, unknown>>) : []);
  const limitValues = (typeof limits === "object" && limits !== null ? limits : {}) as Record<string, unknown>;
  return {
    kind: kind === "quiz" ? "quiz" : "code",
    meta: { id: text(id), title: text(title), topic: text(topic), points: text(points), difficulty: text(difficulty || "easy") },
    code: {
      exports: Array.isArray(exports) ? exports.join(", ") : "",
      generators: Array.isArray(generators) ? generators.join(", ") : "",
      seed: text(seed),
      limits: Object.fromEntries(Object.entries(limitValues).map(([key, value]) => [key, text(value)])),
    },
    tests: [...list(examples).map((test) => testRow(test, true)), ...list(tests).map((test) => testRow(test, false))],
    questions: list(questions).map(questionRow),
    prompt: files["prompt.md"] ?? "",
    starter: files["starter.ts"] ?? "",
    solution: files["solution.ts"] ?? "",
    checks: files["checks.ts"] ?? "",
    extra,
    order: Object.keys(data),
  };
}

/** A number as typed: the number when it is one, else the text (the schema then names the field). */
function numberOrText(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

const names = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter(Boolean);

/** The JSON error of a field as typed, or null (blank is fine where `optional`). */
export function jsonError(value: string, { optional = false, array = false } = {}): string | null {
  if (value.trim() === "") return optional ? null : "write a JSON value";
  try {
    const parsed: unknown = JSON.parse(value);
    if (array && !Array.isArray(parsed)) return "must be a JSON array of arguments, e.g. [[1, 2, 3]]";
    return null;
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Every JSON error in the tests table, by row: Save waits until there are none. */
export function formJsonErrors(form: DraftForm): string[] {
  if (form.kind !== "code") return [];
  return form.tests.flatMap((row, index) => {
    const label = row.name || `test ${index + 1}`;
    const args = jsonError(row.argsText, { array: true });
    const expected = jsonError(row.expectedText, { optional: true });
    return [...(args ? [`${label}: arguments ${args}`] : []), ...(expected ? [`${label}: expected value ${expected}`] : [])];
  });
}

function testOf(row: TestRow): Record<string, unknown> {
  const defaultCompare = !row.compareGiven && row.compare === "close" && row.rtol.trim() === "" && row.atol.trim() === "";
  const compare = defaultCompare
    ? undefined
    : row.compare === "close"
      ? { kind: "close", ...defined({ rtol: numberOrText(row.rtol), atol: numberOrText(row.atol) }) }
      : row.compare === "throws"
        ? { kind: "throws", ...defined({ errorType: row.errorType || undefined }) }
        : row.compare === "check"
          ? { kind: "check", check: row.check.trim() }
          : { kind: "exact" };
  return ordered(defined({
    name: row.name,
    call: row.call.trim(),
    args: JSON.parse(row.argsText) as unknown,
    compare,
    expected: row.expectedText.trim() === "" ? undefined : (JSON.parse(row.expectedText) as unknown),
    ...row.rest,
    misconception: row.misconception.trim() || undefined,
    hint: row.hint.trim() || undefined,
  }), row.order);
}

function questionOf(row: QuestionRow): Record<string, unknown> {
  const base = {
    id: row.id.trim(),
    kind: row.kind,
    prompt: row.prompt,
    points: numberOrText(row.points),
    explanation: row.explanation.trim() || undefined,
    params: row.params.trim() || undefined,
  };
  if (row.kind === "numeric") {
    return ordered(defined({ ...base, answer: numberOrText(row.answer), atol: numberOrText(row.atol), rtol: numberOrText(row.rtol), unit: row.unit.trim() || undefined }), row.order);
  }
  return ordered(
    defined({
      ...base,
      choices: row.choices.map((choice) => ordered(defined({ id: choice.id.trim(), text: choice.text, correct: choice.correct ? true : undefined }), choice.order)),
      shuffle: row.shuffle ? true : undefined,
      answer: row.answer.trim() || undefined,
    }),
    row.order,
  );
}

/** `object` with the keys of `order` first, in that order (an unchanged value then serialises to the same bytes). */
function ordered(object: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of order) if (key in object) result[key] = object[key];
  for (const [key, value] of Object.entries(object)) if (!(key in result)) result[key] = value;
  return result;
}

function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** exercise.json's text for the form: pretty JSON, 2 spaces, a final newline. Throws on a JSON error in the tests table. */
export function exerciseJsonOf(form: DraftForm): string {
  const meta = { id: form.meta.id, title: form.meta.title, topic: form.meta.topic, points: numberOrText(form.meta.points), difficulty: form.meta.difficulty, kind: form.kind };
  let data: Record<string, unknown>;
  if (form.kind === "code") {
    const limits = defined(Object.fromEntries(Object.entries(form.code.limits).map(([key, value]) => [key, numberOrText(value)])));
    data = defined({
      ...meta,
      exports: names(form.code.exports),
      examples: form.tests.filter((row) => row.visible).map(testOf),
      tests: form.tests.filter((row) => !row.visible).map(testOf),
      generators: names(form.code.generators).length > 0 ? names(form.code.generators) : undefined,
      limits: Object.keys(limits).length > 0 ? limits : undefined,
      seed: numberOrText(form.code.seed),
      ...form.extra,
    });
  } else {
    data = defined({ ...meta, questions: form.questions.map(questionOf), ...form.extra });
  }
  return `${JSON.stringify(ordered(data, form.order), null, 2)}\n`;
}

/** The package files the form stands for (checks.ts only when it holds something). */
export function draftFiles(form: DraftForm): PackageFiles {
  const files: PackageFiles = { "exercise.json": exerciseJsonOf(form), "prompt.md": form.prompt };
  if (form.kind === "code") {
    files["starter.ts"] = form.starter;
    files["solution.ts"] = form.solution;
  }
  if (form.checks.trim() !== "") files["checks.ts"] = form.checks;
  return files;
}

/** A new, empty test row calling the first export. */
export function emptyTest(form: DraftForm): TestRow {
  const call = names(form.code.exports)[0] ?? "";
  return { key: newKey(), name: "", call, argsText: "[]", expectedText: "", compare: "close", compareGiven: false, rtol: "", atol: "", errorType: "", check: "", visible: false, misconception: "", hint: "", rest: {}, order: [] };
}

/** A new question of `kind` with an id not yet used. */
export function emptyQuestion(form: DraftForm, kind: QuestionKind = "single"): QuestionRow {
  const used = new Set(form.questions.map((question) => question.id));
  let n = form.questions.length + 1;
  while (used.has(`q${n}`)) n += 1;
  return {
    key: newKey(),
    order: [],
    id: `q${n}`,
    kind,
    prompt: "",
    points: "1",
    explanation: "",
    params: "",
    answer: "",
    choices: kind === "numeric" ? [] : [emptyChoice("a"), emptyChoice("b")],
    shuffle: false,
    atol: "",
    rtol: "",
    unit: "",
  };
}

export function emptyChoice(id: string): ChoiceRow {
  return { key: newKey(), order: [], id, text: "", correct: false };
}

/** `list` with item `index` moved by `by` places (no-op at the ends). */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}
