/**
 * Checks across exercise.json's fields and checks.ts, run on the raw JSON so that they are reported even
 * when the schema fails elsewhere: names of checks.ts exports, the exports tests call, duplicate names.
 */
import { SERIES_EXPORT } from "../../grading/series-harness";
import { isObject } from "../kinds/load-parts";
import { CHECKS_FILE } from "./schema";

/** Where exercise.json names an export of checks.ts: the dotted field and the name. */
export interface ExportReference {
  field: string;
  name: string;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every field of the raw exercise.json that names an export of checks.ts. */
export function findExportReferences(raw: unknown): ExportReference[] {
  const refs: ExportReference[] = [];
  if (!isObject(raw)) return refs;
  for (const group of ["examples", "tests"] as const) {
    list(raw[group]).forEach((test, i) => {
      if (isObject(test) && isObject(test.compare) && test.compare.kind === "check" && typeof test.compare.check === "string") {
        refs.push({ field: `${group}.${i}.compare.check`, name: test.compare.check });
      }
    });
  }
  list(raw.generators).forEach((name, i) => {
    if (typeof name === "string") refs.push({ field: `generators.${i}`, name });
  });
  list(raw.questions).forEach((question, i) => {
    if (!isObject(question)) return;
    if (typeof question.params === "string") refs.push({ field: `questions.${i}.params`, name: question.params });
    if (typeof question.answer === "string") refs.push({ field: `questions.${i}.answer`, name: question.answer });
  });
  return refs;
}

/** Names exercise.json uses that checks.ts does not export as functions (errors), and exports nothing uses (warnings). */
export function checkExportReferences(refs: ExportReference[], checks: { names: Set<string>; notFunctions: Set<string> } | null): { errors: string[]; warnings: string[] } {
  const exported = checks?.names ?? null;
  const errors = refs.flatMap((ref) => {
    if (exported === null) return [`exercise.json: ${ref.field}: "${ref.name}" names an export of ${CHECKS_FILE}, but the package has no ${CHECKS_FILE}`];
    if (!exported.has(ref.name)) return [`exercise.json: ${ref.field}: "${ref.name}" is not an export of ${CHECKS_FILE}`];
    if (checks?.notFunctions.has(ref.name)) return [`exercise.json: ${ref.field}: "${ref.name}" is an export of ${CHECKS_FILE}, but not a function`];
    return [];
  });
  const used = new Set(refs.map((ref) => ref.name));
  const warnings = [...(exported ?? [])].filter((name) => !used.has(name)).map((name) => `${CHECKS_FILE}: export "${name}" is not used by exercise.json`);
  return { errors, warnings };
}

/** Tests that call a name missing from `exports`, and test names used twice (examples and tests share one namespace). */
export function checkTestNames(raw: unknown): string[] {
  const errors: string[] = [];
  if (!isObject(raw) || raw.kind !== "code") return errors;
  const exportNames = Array.isArray(raw.exports) ? [...raw.exports.filter((name) => typeof name === "string"), SERIES_EXPORT] : null;
  const seen = new Map<string, string>();
  for (const group of ["examples", "tests"] as const) {
    list(raw[group]).forEach((test, i) => {
      if (!isObject(test)) return;
      if (exportNames && typeof test.call === "string" && !exportNames.includes(test.call)) {
        errors.push(`exercise.json: ${group}.${i}.call: "${test.call}" is not in exports`);
      }
      if (typeof test.name !== "string") return;
      const first = seen.get(test.name);
      if (first !== undefined) errors.push(`exercise.json: ${group}.${i}.name: the test name "${test.name}" is used twice (also ${first})`);
      else seen.set(test.name, `${group}.${i}`);
    });
  }
  return errors;
}
