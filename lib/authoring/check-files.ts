/**
 * The check beside the editor: every problem of a draft's files, then, when they parse, what proves the
 * package works, run in the sandbox — the reference scores full marks, the starter does not, grading
 * is deterministic, the prompt renders. Publishing needs this check to pass on exactly the same files.
 */
import { isDeepStrictEqual } from "node:util";
import { hashPackageFiles } from "../grading/artefact";
import type { EngineResult } from "../grading/result";
import { kindOf } from "../exercises/kinds";
import type { AnyPackage, CodePackage, QuizKindPackage } from "../exercises/package";
import { renderPromptWithReport } from "../exercises/render/render-prompt";
import { draftArtefact } from "./artefact";
import { parseDataPackage } from "./format";
import type { AuthoringSandbox, OutlineResult } from "./sandbox-port";
import type { CheckItem, DraftCheck, DraftProblem, PackageFiles, ProblemSeverity } from "./types";
import { specialiseQuiz } from "./format";

/** Seeds on which a quiz's key and blank sheet are tried (as `npm run exercises:check` does). */
const QUIZ_SEEDS = [1, 2, 3, 0xdeadbeef];

/** "exercise.json: tests.3.compare.rtol: must be ≥ 0" → file, field and message. */
export function problemOf(line: string, severity: ProblemSeverity): DraftProblem {
  const match = /^([^:\s]+\.(?:json|md|ts|js|txt)|[^:\s]+): (.*)$/s.exec(line);
  if (!match) return { severity, file: "", field: "", message: line };
  const [, file = "", rest = ""] = match;
  const field = file === "exercise.json" ? /^([A-Za-z0-9_$.()-]+): (.*)$/s.exec(rest) : null;
  if (field) return { severity, file, field: field[1] === "(root)" ? "" : (field[1] ?? ""), message: field[2] ?? "" };
  return { severity, file, field: "", message: rest };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Checks a draft's files for the exercise `exerciseId`; never throws for anything the files hold. */
export async function checkPackageFiles(exerciseId: string, files: PackageFiles, sandbox: AuthoringSandbox): Promise<DraftCheck & { outline?: OutlineResult }> {
  const version = hashPackageFiles(files);
  const checkedAt = new Date().toISOString();
  const parsed = parseDataPackage(exerciseId, files);
  const problems: DraftProblem[] = parsed.warnings.map((line) => problemOf(line, "warning"));
  if (!parsed.ok) {
    problems.unshift(...parsed.errors.map((line) => problemOf(line, "error")));
    const count = parsed.errors.length;
    return { ok: false, version, problems, items: [{ key: "schema", ok: false, text: `The package has ${count} problem${count === 1 ? "" : "s"} to fix` }], checkedAt };
  }
  const items: CheckItem[] = [{ key: "schema", ok: true, text: "The files are a valid package" }];
  items.push(promptItem(parsed.pkg));
  let outline: OutlineResult | undefined;
  try {
    if (parsed.pkg.kind === "quiz") items.push(...(await checkQuiz(parsed.pkg, sandbox)));
    else {
      outline = await sandbox.runTask({ kind: "outline", files });
      problems.push(...outline.problems.map((line) => problemOf(line, "error")));
      items.push(...(await checkCode(exerciseId, files, parsed.pkg as CodePackage, sandbox)));
    }
  } catch (error) {
    // A task the sandbox could not run (a generator or params function that throws, loops, …).
    problems.push({ severity: "error", file: "checks.ts", field: "", message: messageOf(error) });
    items.push({ key: "sandbox", ok: false, text: `The sandbox could not run the package: ${messageOf(error)}` });
  }
  const ok = items.every((item) => item.ok) && problems.every((problem) => problem.severity !== "error");
  return { ok, version, problems, items, checkedAt, ...(outline ? { outline } : {}) };
}

function promptItem(pkg: AnyPackage): CheckItem {
  const report = renderPromptWithReport(pkg.prompt);
  if (report.problems.length === 0) return { key: "prompt", ok: true, text: "The prompt renders as students will see it" };
  return { key: "prompt", ok: false, text: `The prompt does not render cleanly: ${report.problems.map((p) => p.message).join("; ")}` };
}

const passed = (result: EngineResult) => result.tests.filter((test) => test.passed).length;
const tally = (result: EngineResult) => `${passed(result)}/${result.tests.length}`;
const judged = (result: EngineResult) => result.tests.map(({ name, passed: ok, message }) => ({ name, passed: ok, message }));

async function checkCode(exerciseId: string, files: PackageFiles, pkg: CodePackage, sandbox: AuthoringSandbox): Promise<CheckItem[]> {
  const artefact = draftArtefact(exerciseId, files);
  const reference = await sandbox.grade(artefact, pkg.solution);
  const starter = await sandbox.grade(artefact, pkg.starter);
  const again = await sandbox.grade(artefact, pkg.solution);
  const full = reference.status === "graded" && reference.score === 1 && reference.tests.length > 0;
  const why = reference.message ? ` (${reference.status}: ${reference.message})` : reference.status === "graded" ? "" : ` (${reference.status})`;
  const failing = reference.tests.filter((test) => !test.passed).map((test) => `"${test.name}": ${test.message}`);
  return [
    {
      key: "reference",
      ok: full,
      text: full ? `The reference solution scores ${tally(reference)}` : `The reference solution scores ${tally(reference)}${why}; it must score full marks${failing.length ? `. Failing: ${failing.slice(0, 3).join("; ")}` : ""}`,
    },
    {
      key: "starter",
      ok: !(starter.status === "graded" && starter.score === 1),
      text: `The starter scores ${tally(starter)}${starter.status === "graded" && starter.score === 1 ? " (it must not score full marks)" : ""}`,
    },
    {
      key: "deterministic",
      ok: reference.status === again.status && isDeepStrictEqual(judged(reference), judged(again)),
      text: isDeepStrictEqual(judged(reference), judged(again)) && reference.status === again.status
        ? "Grading the reference twice gives the same results"
        : "Grading the reference twice gave different results: tests must not depend on chance or time",
    },
  ];
}

async function checkQuiz(pkg: QuizKindPackage, sandbox: AuthoringSandbox): Promise<CheckItem[]> {
  const { grading } = kindOf(pkg);
  if (grading.mode !== "inline") return [];
  const keyFailures: string[] = [];
  const blankFailures: string[] = [];
  let deterministic = true;
  for (const seed of QUIZ_SEEDS) {
    let specialised: AnyPackage = pkg;
    if (pkg.sandboxed) {
      const computed = await sandbox.runTask({ kind: "quiz-variants", files: pkg.sandboxed.files, seed });
      const twice = await sandbox.runTask({ kind: "quiz-variants", files: pkg.sandboxed.files, seed });
      if (!isDeepStrictEqual(computed, twice)) deterministic = false;
      specialised = specialiseQuiz(pkg, computed);
    }
    const key = grading.grade(specialised, seed, grading.answerKey(specialised, seed));
    if (key.score !== 1) keyFailures.push(`seed ${seed}: ${key.score}`);
    const blank = grading.grade(specialised, seed, {});
    if (blank.score !== 0) blankFailures.push(`seed ${seed}: ${blank.score}`);
  }
  return [
    { key: "reference", ok: keyFailures.length === 0, text: keyFailures.length === 0 ? `The answer key scores full marks on ${QUIZ_SEEDS.length} variants` : `The answer key does not score full marks (${keyFailures.join(", ")})` },
    { key: "starter", ok: blankFailures.length === 0, text: blankFailures.length === 0 ? "An empty answer sheet scores 0" : `An empty answer sheet scores more than 0 (${blankFailures.join(", ")})` },
    { key: "deterministic", ok: deterministic, text: deterministic ? "Each variant comes out the same every time" : "A variant came out differently twice: params must depend only on the rng" },
  ];
}
