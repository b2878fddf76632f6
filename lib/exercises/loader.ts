/** Loads an exercise package from `exercises/<id>/`, reporting every problem instead of the first. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { importTypeScript } from "./import-typescript";
import { CodeExerciseSchema, type CodeExercise } from "./schema";

export interface ExercisePackage {
  exercise: CodeExercise;
  dir: string;
  prompt: string;
  starter: string;
  solution: string;
}

export type LoadResult = { ok: true; pkg: ExercisePackage; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };

/** The exercises/ folder at the repository root (override with EXERCISES_DIR). */
export function exercisesRoot(): string {
  return process.env.EXERCISES_DIR ?? path.resolve(/* turbopackIgnore: true */ process.cwd(), "exercises");
}

function readOptional(file: string, errors: string[], label: string): string {
  if (!existsSync(file)) {
    errors.push(`${label}: missing`);
    return "";
  }
  return readFileSync(file, "utf8");
}

/** Imports `exercise.ts` and validates it, reporting every problem found. */
export async function loadExercise(id: string, root = exercisesRoot()): Promise<LoadResult> {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return { ok: false, errors: [`"${id}" is not an exercise id`], warnings };
  const dir = path.join(/* turbopackIgnore: true */ root, id);
  const file = path.join(dir, "exercise.ts");
  if (!existsSync(file)) return { ok: false, errors: [`${file}: no such exercise`], warnings };
  let mod: unknown;
  try {
    mod = await importTypeScript(file);
  } catch (error) {
    return { ok: false, errors: [`exercise.ts: cannot be loaded: ${error instanceof Error ? error.message : String(error)}`], warnings };
  }
  const exported = defaultExport(mod);
  const parsed = CodeExerciseSchema.safeParse(exported);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`exercise.ts: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const prompt = readOptional(path.join(dir, "prompt.md"), errors, "prompt.md");
  const starter = readOptional(path.join(dir, "starter.ts"), errors, "starter.ts");
  const solution = readOptional(path.join(dir, "solution.ts"), errors, "solution.ts");
  if (parsed.success) {
    const ex = parsed.data;
    if (ex.id !== id) errors.push(`exercise.ts: id "${ex.id}" does not match its folder "${id}"`);
    for (const t of [...ex.examples, ...ex.tests]) {
      if (!ex.exports.includes(t.call)) errors.push(`exercise.ts: test "${t.name}" calls "${t.call}", which is not in exports`);
    }
    const names = [...ex.examples, ...ex.tests].map((t) => t.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) errors.push(`exercise.ts: test name "${dup}" is used twice`);
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors, warnings };
  return { ok: true, pkg: { exercise: parsed.data, dir, prompt, starter, solution }, warnings };
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
