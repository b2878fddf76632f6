/**
 * Parses a data package (its files by name) into the package shape the kinds know, reporting every
 * problem as "file: field.path: message": unknown or missing files, JSON syntax, the schema, names of
 * checks.ts exports, tests and prompts. checks.ts is read, never run.
 */
import { ARCHIVE_LIMITS, formatBytes } from "../archive/limits";
import type { AnyPackage } from "../package";
import { renderPromptWithReport } from "../render/render-prompt";
import { findChecksExports } from "./checks-exports";
import { parseJsonFile } from "./json-file";
import { checkDataQuestions } from "./quiz-checks";
import { checkExportReferences, checkTestNames, findExportReferences } from "./references";
import { CHECKS_FILE, DATA_PACKAGE_FILE, DATA_PACKAGE_FILES, DataExerciseSchema, type DataExercise } from "./schema";
import { codePackageOf, quizPackageOf } from "./to-package";

export type DataPackageParse =
  | { ok: true; pkg: AnyPackage; data: DataExercise; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

const KNOWN_FILES: readonly string[] = DATA_PACKAGE_FILES;

function checkFileNames(files: Record<string, string>, errors: string[]): void {
  let total = 0;
  for (const name of Object.keys(files).sort()) {
    if (!KNOWN_FILES.includes(name)) errors.push(`${name}: not a file of a data package (it holds ${DATA_PACKAGE_FILES.join(", ")})`);
    const bytes = new TextEncoder().encode(files[name] ?? "").length;
    total += bytes;
    if (bytes > ARCHIVE_LIMITS.maxFileBytes) errors.push(`${name}: ${bytes} bytes, more than the ${formatBytes(ARCHIVE_LIMITS.maxFileBytes)} a file may hold`);
  }
  if (total > ARCHIVE_LIMITS.maxTotalBytes) errors.push(`(package): ${total} bytes in all, more than the ${formatBytes(ARCHIVE_LIMITS.maxTotalBytes)} a package may hold`);
  for (const name of [DATA_PACKAGE_FILE, "prompt.md"]) if (files[name] === undefined) errors.push(`${name}: missing`);
}

function checkKindFiles(kind: unknown, files: Record<string, string>, errors: string[]): void {
  for (const name of ["starter.ts", "solution.ts"]) {
    if (kind === "code" && files[name] === undefined) errors.push(`${name}: missing`);
    if (kind === "quiz" && files[name] !== undefined) errors.push(`${name}: a quiz has no ${name.replace(".ts", "")} (remove the file)`);
  }
}

function zodLines(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((issue) => `${DATA_PACKAGE_FILE}: ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}

/** Validates a data package's files and builds its package; `dir` is the folder it was read from, if any. */
export function parseDataPackage(id: string, files: Record<string, string>, options: { dir?: string } = {}): DataPackageParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  checkFileNames(files, errors);
  const prompt = files["prompt.md"];
  if (prompt) for (const problem of renderPromptWithReport(prompt).problems) errors.push(`prompt.md: ${problem.kind}: ${problem.message}`);
  const checks = files[CHECKS_FILE] === undefined ? null : findChecksExports(files[CHECKS_FILE]);
  errors.push(...(checks?.errors ?? []));

  const text = files[DATA_PACKAGE_FILE];
  if (text === undefined) return { ok: false, errors, warnings };
  const json = parseJsonFile(DATA_PACKAGE_FILE, text);
  if (!json.ok) return { ok: false, errors: [...errors, json.error], warnings };
  const raw = json.value;
  const parsed = DataExerciseSchema.safeParse(raw);
  if (!parsed.success) errors.push(...zodLines(parsed.error.issues));
  const kind = typeof raw === "object" && raw !== null && "kind" in raw ? raw.kind : undefined;
  checkKindFiles(kind, files, errors);
  const references = checkExportReferences(findExportReferences(raw), checks);
  errors.push(...references.errors);
  warnings.push(...references.warnings);
  errors.push(...checkTestNames(raw));
  if (!parsed.success) return { ok: false, errors, warnings };

  const data = parsed.data;
  if (data.id !== id) errors.push(`${DATA_PACKAGE_FILE}: id: "${data.id}" does not match its folder "${id}"`);
  const dir = options.dir ?? "";
  let pkg: AnyPackage;
  if (data.kind === "code") {
    if (data.tests.length === 0 && data.generators.length === 0) errors.push(`${DATA_PACKAGE_FILE}: tests: a code exercise needs at least one hidden test or a generator`);
    pkg = codePackageOf(data, files, dir);
  } else {
    pkg = quizPackageOf(data, files, dir);
    const quiz = checkDataQuestions(data.questions, pkg.quiz.questions);
    errors.push(...quiz.errors);
    warnings.push(...quiz.warnings);
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, pkg, data, warnings };
}
