// TEMPORARY local stub (not committed) until i15/format has it.
import type { LoadedExercise } from "../catalogue";
export function dataPackageFromModule(_loaded: LoadedExercise, _id: string): { files: Record<string, string>; warnings: string[] } {
  throw new Error("not yet");
}
