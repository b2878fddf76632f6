import { readFileSync } from "node:fs";
import path from "node:path";
import { loadExercise, type ExercisePackage } from "@/lib/exercises/loader";

export const FIXTURES = path.resolve("tests/fixtures/grading");

/** Loads an exercise package or fails the test with its errors. */
export async function pkgOf(id: string): Promise<ExercisePackage> {
  const loaded = await loadExercise(id);
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.pkg;
}

/** Source text of a fixture under tests/fixtures/grading. */
export function fixture(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), "utf8");
}
