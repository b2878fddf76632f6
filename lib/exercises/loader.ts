/** Loads exercise packages from `exercises/<id>/`, reporting every problem instead of the first. */
import { existsSync } from "node:fs";
import path from "node:path";
import { EXERCISE_ID } from "../grading/exercise-id";
import { readPackageFolder } from "./data-package/folder";
import { parseDataPackage } from "./data-package/parse";
import { DATA_PACKAGE_FILE } from "./data-package/schema";
import { importTypeScript } from "./import-typescript";
import { EXERCISE_KINDS, isCodePackage, isKind, kindOf } from "./kinds";
import { isObject } from "./kinds/load-parts";
import type { AnyLoadResult, LoadResult } from "./package";

export type { AnyLoadResult, AnyPackage, ExercisePackage, LoadResult, QuizPackage } from "./package";

/** The exercises/ folder at the repository root (override with EXERCISES_DIR). */
export function exercisesRoot(): string {
  return process.env.EXERCISES_DIR ?? path.resolve(/* turbopackIgnore: true */ process.cwd(), "exercises");
}

/** Loads a code or model exercise (what the grader runs); a kind graded without code is an error. */
export async function loadExercise(id: string, root = exercisesRoot()): Promise<LoadResult> {
  const loaded = await loadPackage(id, root);
  if (!loaded.ok) return loaded;
  if (!isCodePackage(loaded.pkg)) {
    return { ok: false, errors: [`exercise.ts: kind: "${id}" is a ${kindOf(loaded.pkg).label.toLowerCase()}, not a code exercise`], warnings: loaded.warnings };
  }
  const { kind: _kind, ...pkg } = loaded.pkg;
  return { ok: true, pkg, warnings: loaded.warnings };
}

/**
 * Imports `exercise.ts`, validates it for its kind and reads the package's other files; a folder with
 * `exercise.json` instead is a data package, parsed from its files (its checks.ts is never imported).
 */
export async function loadPackage(id: string, root = exercisesRoot()): Promise<AnyLoadResult> {
  if (!EXERCISE_ID.test(id)) return { ok: false, errors: [`"${id}" is not an exercise id`], warnings: [] };
  const dir = path.join(/* turbopackIgnore: true */ root, id);
  const file = path.join(dir, "exercise.ts");
  const data = existsSync(path.join(dir, DATA_PACKAGE_FILE));
  if (data && existsSync(file)) {
    return { ok: false, errors: [`${DATA_PACKAGE_FILE}: a package holds exercise.ts or exercise.json, not both`], warnings: [] };
  }
  if (data) {
    const parsed = parseDataPackage(id, readPackageFolder(dir), { dir });
    return parsed.ok ? { ok: true, pkg: parsed.pkg, warnings: parsed.warnings } : { ok: false, errors: parsed.errors, warnings: parsed.warnings };
  }
  if (!existsSync(file)) return { ok: false, errors: [`${file}: no such exercise`], warnings: [] };
  let mod: unknown;
  try {
    mod = await importTypeScript(file);
  } catch (error) {
    return { ok: false, errors: [`exercise.ts: cannot be loaded: ${error instanceof Error ? error.message : String(error)}`], warnings: [] };
  }
  const exported = defaultExport(mod);
  const kind = isObject(exported) ? exported.kind : undefined;
  // An unknown or missing kind is validated as code, whose schema then names the field that is wrong.
  return EXERCISE_KINDS[isKind(kind) ? kind : "code"].load({ id, dir, exported });
}

/** The default export, also when a CommonJS-compiled module nests it one level deeper. */
function defaultExport(mod: unknown): unknown {
  let value = isObject(mod) && "default" in mod ? mod.default : undefined;
  if (isObject(value) && !("kind" in value) && "default" in value) value = value.default;
  return value;
}
