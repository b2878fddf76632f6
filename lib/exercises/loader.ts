/** Loads exercise packages from `exercises/<id>/`, reporting every problem instead of the first. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { importTypeScript } from "./import-typescript";
import type { Quiz } from "./quiz";
import { validateQuiz } from "./quiz/validate";
import { QuizExerciseSchema, type QuizExerciseMeta } from "./quiz-exercise";
import { renderPromptWithReport } from "./render/render-prompt";
import { SERIES_EXPORT } from "../grading/series-harness";
import { CodeExerciseSchema, MODEL_HARNESS_EXPORT, ModelExerciseSchema, type CodeExercise, type ModelExercise } from "./schema";

/** A code or model exercise, as the grading engine needs it. */
export interface ExercisePackage {
  exercise: CodeExercise | ModelExercise;
  dir: string;
  prompt: string;
  starter: string;
  solution: string;
}

export interface QuizPackage {
  exercise: QuizExerciseMeta;
  quiz: Quiz;
  dir: string;
  prompt: string;
}

export type AnyPackage = ({ kind: "code" | "model" } & ExercisePackage) | ({ kind: "quiz" } & QuizPackage);

type Result<T> = { ok: true; pkg: T; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };
export type LoadResult = Result<ExercisePackage>;
export type AnyLoadResult = Result<AnyPackage>;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The exercises/ folder at the repository root (override with EXERCISES_DIR). */
export function exercisesRoot(): string {
  return process.env.EXERCISES_DIR ?? path.resolve(/* turbopackIgnore: true */ process.cwd(), "exercises");
}

/** Loads a code or model exercise (what the grader runs); a quiz is an error. */
export async function loadExercise(id: string, root = exercisesRoot()): Promise<LoadResult> {
  const loaded = await loadPackage(id, root);
  if (!loaded.ok) return loaded;
  if (loaded.pkg.kind === "quiz") return { ok: false, errors: [`exercise.ts: kind: "${id}" is a quiz, not a code exercise`], warnings: loaded.warnings };
  const { kind: _kind, ...pkg } = loaded.pkg;
  return { ok: true, pkg, warnings: loaded.warnings };
}

/** Imports `exercise.ts`, validates it for its kind and reads the package's other files. */
export async function loadPackage(id: string, root = exercisesRoot()): Promise<AnyLoadResult> {
  if (!ID.test(id)) return { ok: false, errors: [`"${id}" is not an exercise id`], warnings: [] };
  const dir = path.join(/* turbopackIgnore: true */ root, id);
  const file = path.join(dir, "exercise.ts");
  if (!existsSync(file)) return { ok: false, errors: [`${file}: no such exercise`], warnings: [] };
  let mod: unknown;
  try {
    mod = await importTypeScript(file);
  } catch (error) {
    return { ok: false, errors: [`exercise.ts: cannot be loaded: ${error instanceof Error ? error.message : String(error)}`], warnings: [] };
  }
  const exported = defaultExport(mod);
  const kind = isObject(exported) ? exported.kind : undefined;
  if (kind === "quiz") return loadQuiz(id, dir, exported);
  return loadCode(id, dir, exported, kind === "model" ? "model" : "code");
}

function loadCode(id: string, dir: string, exported: unknown, kind: "code" | "model"): AnyLoadResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = (kind === "model" ? ModelExerciseSchema : CodeExerciseSchema).safeParse(exported);
  if (!parsed.success) errors.push(...zodErrors(parsed.error.issues));
  const prompt = readPackageFile(dir, "prompt.md", errors);
  const starter = readPackageFile(dir, "starter.ts", errors);
  const solution = readPackageFile(dir, "solution.ts", errors);
  checkPrompt(prompt, errors);
  errors.push(...crossCheckTests(id, exported, kind === "model" ? [MODEL_HARNESS_EXPORT, SERIES_EXPORT] : [SERIES_EXPORT]));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors, warnings };
  return { ok: true, pkg: { kind, exercise: parsed.data, dir, prompt, starter, solution }, warnings };
}

function loadQuiz(id: string, dir: string, exported: unknown): AnyLoadResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = QuizExerciseSchema.safeParse(exported);
  if (!parsed.success) errors.push(...zodErrors(parsed.error.issues.filter((issue) => issue.path[0] !== "questions")));
  const validation = validateQuiz({ questions: isObject(exported) ? exported.questions : undefined });
  const label = (issue: { questionId?: string; field: string }) =>
    `exercise.ts: questions${issue.questionId ? `["${issue.questionId}"]` : ""}.${issue.field}`;
  errors.push(...validation.errors.map((issue) => `${label(issue)}: ${issue.message}`));
  warnings.push(...validation.warnings.map((issue) => `${label(issue)}: ${issue.message}`));
  const prompt = readPackageFile(dir, "prompt.md", errors);
  checkPrompt(prompt, errors);
  if (parsed.success && parsed.data.id !== id) errors.push(`exercise.ts: id: "${parsed.data.id}" does not match its folder "${id}"`);
  if (errors.length > 0 || !parsed.success || !validation.quiz) return { ok: false, errors, warnings };
  return { ok: true, pkg: { kind: "quiz", exercise: parsed.data, quiz: validation.quiz, dir, prompt }, warnings };
}

/** Checks across fields, run on the raw export so that they are reported even when the schema fails elsewhere. */
function crossCheckTests(id: string, exported: unknown, harnessExports: string[]): string[] {
  const errors: string[] = [];
  if (!isObject(exported)) return errors;
  if (typeof exported.id === "string" && exported.id !== id) errors.push(`exercise.ts: id: "${exported.id}" does not match its folder "${id}"`);
  const exportNames = Array.isArray(exported.exports) ? [...exported.exports.filter((name) => typeof name === "string"), ...harnessExports] : null;
  const names: string[] = [];
  for (const list of ["examples", "tests"] as const) {
    const tests = exported[list];
    if (!Array.isArray(tests)) continue;
    for (const [index, test] of tests.entries()) {
      if (!isObject(test)) continue;
      if (exportNames && typeof test.call === "string" && !exportNames.includes(test.call)) {
        errors.push(`exercise.ts: ${list}[${index}].call: "${test.call}" is not in exports`);
      }
      if (typeof test.name === "string") names.push(test.name);
    }
  }
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    errors.push(`exercise.ts: tests: the test name "${name}" is used twice`);
  }
  return errors;
}

/** A prompt must render: every placeholder needs a parameter (prompts of whole packages have none), math must parse. */
function checkPrompt(prompt: string, errors: string[]): void {
  if (!prompt) return;
  for (const problem of renderPromptWithReport(prompt).problems) errors.push(`prompt.md: ${problem.kind}: ${problem.message}`);
}

function readPackageFile(dir: string, name: string, errors: string[]): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    errors.push(`${name}: missing`);
    return "";
  }
  return readFileSync(file, "utf8");
}

function zodErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((issue) => `exercise.ts: ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}

/** The default export, also when a CommonJS-compiled module nests it one level deeper. */
function defaultExport(mod: unknown): unknown {
  let value = isObject(mod) && "default" in mod ? mod.default : undefined;
  if (isObject(value) && !("kind" in value) && "default" in value) value = value.default;
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
