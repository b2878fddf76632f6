/** Loads an exercise package from `exercises/<id>/`, reporting every problem instead of the first. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
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
  return process.env.EXERCISES_DIR ?? path.resolve(process.cwd(), "exercises");
}

function readOptional(file: string, errors: string[], label: string): string {
  if (!existsSync(file)) {
    errors.push(`${label}: missing`);
    return "";
  }
  return readFileSync(file, "utf8");
}

/** Imports `exercise.ts` (needs a TypeScript-aware loader such as tsx or vitest) and validates it. */
export async function loadExercise(id: string, root = exercisesRoot()): Promise<LoadResult> {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return { ok: false, errors: [`"${id}" is not an exercise id`], warnings };
  const dir = path.join(root, id);
  const file = path.join(dir, "exercise.ts");
  if (!existsSync(file)) return { ok: false, errors: [`${file}: no such exercise`], warnings };
  const mod: unknown = await import(pathToFileURL(file).href);
  const exported = typeof mod === "object" && mod !== null && "default" in mod ? mod.default : undefined;
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
