/**
 * A catalogue package (exercise.ts, trusted and already loaded) as a data package's files, for "copy to
 * this course": tests become data, functions cannot be copied — a test with a custom check or a `show`
 * is left out with a warning, a quiz's params and answer functions are copied as source into checks.ts
 * (with a warning that helpers they call must be copied by hand).
 */
import { MODEL_HARNESS_EXPORT, type TestCase } from "../schema";
import type { LoadedExercise } from "../catalogue";
import type { Question } from "../quiz";
import { exportFunctionSource } from "./function-source";
import { findNonJson } from "./json-value";
import { CHECKS_FILE, DATA_PACKAGE_FILE, DataTestSchema, type DataQuestion, type DataTestInput } from "./schema";

export interface CopiedPackage {
  files: Record<string, string>;
  warnings: string[];
}

const COPIED_FILES = ["prompt.md", "starter.ts", "solution.ts"];

function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One test as data, or why it cannot be. */
function dataTest(test: TestCase): { ok: true; test: DataTestInput } | { ok: false; reason: string } {
  if (test.compare?.kind === "check") return { ok: false, reason: "its custom check is a function, which cannot be copied" };
  if (test.show) return { ok: false, reason: "its `show` is a function, which cannot be copied" };
  const nonJson = findNonJson(test.args, "args") ?? (test.expected === undefined ? null : findNonJson(test.expected, "expected"));
  if (nonJson) return { ok: false, reason: `${nonJson} is not JSON` };
  const data: DataTestInput = {
    name: test.name,
    call: test.call,
    args: test.args as DataTestInput["args"],
    ...(test.compare ? { compare: test.compare } : {}),
    ...(test.expected === undefined ? {} : { expected: test.expected as DataTestInput["expected"] }),
    ...(test.repeat === 1 ? {} : { repeat: test.repeat }),
    ...(test.misconception === undefined ? {} : { misconception: test.misconception }),
    ...(test.hint === undefined ? {} : { hint: test.hint }),
  };
  const parsed = DataTestSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(test)"}: ${issue.message}`).join("; ") };
  return { ok: true, test: data };
}

function dataTests(group: "examples" | "tests", tests: TestCase[], warnings: string[]): DataTestInput[] {
  const out: DataTestInput[] = [];
  for (const test of tests) {
    const converted = dataTest(test);
    if (converted.ok) out.push(converted.test);
    else warnings.push(`${group}: "${test.name}" is left out: ${converted.reason}`);
  }
  return out;
}

/** "bias-factor" → "biasFactor": an identifier for the question's exports. */
function identifierOf(questionId: string): string {
  const camel = questionId.replace(/[-_]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "");
  return /^[A-Za-z]/.test(camel) ? camel : `q${camel}`;
}

interface ChecksSource {
  exports: string[];
  warnings: string[];
}

function copyFunction(checks: ChecksSource, name: string, fn: (...args: never[]) => unknown, field: string): string | null {
  const copied = exportFunctionSource(name, fn);
  if (!copied.ok) {
    checks.warnings.push(`${field}: the function cannot be copied: ${copied.error}`);
    return null;
  }
  checks.exports.push(copied.source);
  const helpers = copied.helpers.length > 0 ? `; it uses ${copied.helpers.join(", ")}, not copied: copy ${copied.helpers.length === 1 ? "it" : "them"} into checks.ts by hand` : "; helpers it calls must be copied into checks.ts by hand";
  checks.warnings.push(`${CHECKS_FILE}: \`${name}\` was copied from ${field} as its compiled source${helpers}`);
  return name;
}

function dataQuestion(question: Question, index: number, checks: ChecksSource): DataQuestion | null {
  const base = identifierOf(question.id);
  const field = `questions.${index}`;
  const { params: paramsFn, answer: answerFn, ...rest } = question;
  const params = paramsFn ? copyFunction(checks, `${base}Params`, paramsFn, `${field}.params`) : null;
  if (paramsFn && params === null) return null;
  let answer: string | number | undefined;
  if (typeof answerFn === "function") {
    const copied = copyFunction(checks, `${base}Answer`, answerFn as (...args: never[]) => unknown, `${field}.answer`);
    if (copied === null) return null;
    answer = copied;
  } else if (typeof answerFn === "number") {
    answer = answerFn;
  }
  return { ...rest, ...(params === null ? {} : { params }), ...(answer === undefined ? {} : { answer }) } as DataQuestion;
}

/** A package that is data already: its files, exercise.json's id changed (its other fields in their order). */
function copyDataPackage(files: Record<string, string>, newId: string): CopiedPackage {
  const data = JSON.parse(files[DATA_PACKAGE_FILE] ?? "{}") as Record<string, unknown>;
  return { files: { ...files, [DATA_PACKAGE_FILE]: jsonFile({ ...data, id: newId }) }, warnings: [] };
}

/** A loaded catalogue package as the files of a data package with id `newId`, and what could not be copied. */
export function dataPackageFromModule(loaded: LoadedExercise, newId: string): CopiedPackage {
  if (loaded.files[DATA_PACKAGE_FILE] !== undefined) return copyDataPackage(loaded.files, newId);
  const { pkg } = loaded;
  const warnings: string[] = [];
  const files: Record<string, string> = {};
  for (const name of Object.keys(loaded.files).sort()) {
    if (COPIED_FILES.includes(name)) files[name] = loaded.files[name] ?? "";
    else if (name !== "exercise.ts") warnings.push(`${name}: not copied (a data package holds ${COPIED_FILES.join(", ")}, exercise.json and checks.ts only)`);
  }
  const meta = { id: newId, title: pkg.exercise.title, topic: pkg.exercise.topic, kind: pkg.kind, points: pkg.exercise.points, difficulty: pkg.exercise.difficulty };
  if (pkg.kind !== "quiz") {
    if (pkg.kind === "model") {
      warnings.push(`${DATA_PACKAGE_FILE}: a model exercise (trained by the grader's harness, \`${MODEL_HARNESS_EXPORT}\`) cannot be a data package yet: nothing is copied`);
      return { files: {}, warnings };
    }
    const { exercise } = pkg;
    const examples = dataTests("examples", exercise.examples, warnings);
    const tests = dataTests("tests", exercise.tests, warnings);
    if (tests.length === 0) warnings.push("tests: every hidden test was left out: write new ones before publishing");
    files[DATA_PACKAGE_FILE] = jsonFile({ ...meta, exports: exercise.exports, examples, tests, ...(exercise.limits ? { limits: exercise.limits } : {}), seed: exercise.seed });
    return { files, warnings };
  }
  const checks: ChecksSource = { exports: [], warnings: [] };
  const questions: DataQuestion[] = [];
  pkg.quiz.questions.forEach((question, index) => {
    const converted = dataQuestion(question, index, checks);
    if (converted) questions.push(converted);
    else warnings.push(`questions.${index}: "${question.id}" is left out: its functions cannot be copied`);
  });
  files[DATA_PACKAGE_FILE] = jsonFile({ ...meta, questions });
  if (checks.exports.length > 0) {
    files[CHECKS_FILE] = `// Copied from the catalogue exercise "${pkg.exercise.id}": compiled sources of its params and answer functions.\n\n${checks.exports.join("\n\n")}\n`;
  }
  warnings.push(...checks.warnings);
  return { files, warnings };
}
