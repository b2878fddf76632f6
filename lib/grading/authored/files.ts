/** How a package's files say it is a data package (exercise.json, optional checks.ts) rather than a module package. */

/** The file that marks a data package (the same name as lib/exercises/data-package/schema.ts DATA_PACKAGE_FILE). */
export const EXERCISE_JSON = "exercise.json";
/** The authored code of a data package: runs only in sandbox isolates. */
export const CHECKS_TS = "checks.ts";

/** True when the files are a data package: they hold an `exercise.json`. */
export function isDataPackage(files: Record<string, string>): boolean {
  return typeof files[EXERCISE_JSON] === "string";
}
