/**
 * `exercises:check` for a data package, with the same rigour as for exercise.ts packages: it parses,
 * its tests' outline builds (generators run), the reference scores full marks, the starter does not,
 * results and generated tests are the same twice (graded with the spec a grader builds from the
 * version's data artefact); a quiz's sandboxed params and answers are computed per
 * seed and the quiz checked on each. checks.ts runs only in authored sandboxes (lib/grading/authored).
 */
import { isDeepStrictEqual } from "node:util";
import { plural } from "../../format/plural";
import { hashPackageFiles } from "../../grading/artefact";
import { runAuthoredTask } from "../../grading/authored";
import { getArtefactSpec } from "../../grading/pool/artefact-spec";
import { gradeSource } from "../../grading/runner";
import type { SandboxProvider } from "../../grading/sandbox/provider";
import type { CheckLine } from "../kinds";
import { checkGrading } from "../kinds/code-package";
import { checkQuizSeed, QUIZ_CHECK_SEEDS, quizKind } from "../kinds/quiz";
import type { CodePackage, QuizKindPackage } from "../package";
import { validateQuiz } from "../quiz";
import { parseDataPackage } from "./parse";
import { specialiseQuiz } from "./specialise";

export interface PackageCheck {
  id: string;
  ok: boolean;
  /** One line per check, passed or not. */
  lines: CheckLine[];
  warnings: string[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function checkCode(pkg: CodePackage, files: Record<string, string>, provider: SandboxProvider): Promise<CheckLine[]> {
  let outline;
  let again;
  try {
    outline = await runAuthoredTask({ kind: "outline", files });
    again = await runAuthoredTask({ kind: "outline", files });
  } catch (error) {
    return [{ ok: false, text: `the tests' outline cannot be built: ${message(error)}` }];
  }
  if (outline.problems.length > 0) return outline.problems.map((problem) => ({ ok: false, text: `the tests cannot be built: ${problem}` }));
  const generated = outline.outline.tests.length - pkg.exercise.tests.length;
  const lines: CheckLine[] = [
    { ok: true, text: `the tests build: ${plural(outline.outline.examples.length, "example")}, ${plural(outline.outline.tests.length, "hidden test")} (${generated} generated)` },
    isDeepStrictEqual(outline, again) ? { ok: true, text: "the generators give the same tests twice" } : { ok: false, text: "the generators give different tests on a second run" },
  ];
  let spec;
  try {
    // The grader's own path for a data artefact: verified against its version, spec built from the files.
    spec = await getArtefactSpec({ exerciseId: pkg.exercise.id, version: hashPackageFiles(files), files, format: "data" }, "");
  } catch (error) {
    return [...lines, { ok: false, text: `the grading spec cannot be built: ${message(error)}` }];
  }
  return [...lines, ...(await checkGrading(pkg, { grade: (_pkg, source) => gradeSource(spec, source, { provider }) }))];
}

/**
 * Placeholder and key problems of a quiz made ordinary for one seed, and its warnings (an unused
 * param…) added to `warnings` once; its draws are constants, so "the same values for every seed" is not one.
 */
function quizProblems(pkg: QuizKindPackage, seed: number, warnings: string[]): CheckLine[] {
  const validation = validateQuiz({ questions: pkg.quiz.questions });
  const describe = (issue: { questionId?: string; field: string; message: string }) => `question "${issue.questionId ?? "?"}": ${issue.field}: ${issue.message}`;
  for (const issue of validation.warnings) {
    const text = describe(issue);
    if (issue.message !== "params give the same values for every seed" && !warnings.includes(text)) warnings.push(text);
  }
  return validation.errors.map((issue) => ({ ok: false, text: `seed ${seed}: ${describe(issue)}` }));
}

async function checkSandboxedQuiz(pkg: QuizKindPackage, files: Record<string, string>, warnings: string[]): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  for (const seed of QUIZ_CHECK_SEEDS) {
    let computed;
    let again;
    try {
      computed = await runAuthoredTask({ kind: "quiz-variants", files, seed });
      again = await runAuthoredTask({ kind: "quiz-variants", files, seed });
    } catch (error) {
      lines.push({ ok: false, text: `seed ${seed}: checks.ts cannot compute the variant: ${message(error)}` });
      continue;
    }
    if (!isDeepStrictEqual(computed, again)) lines.push({ ok: false, text: `seed ${seed}: checks.ts computes a different variant on a second run` });
    const specialised = specialiseQuiz(pkg, computed);
    lines.push(...quizProblems(specialised, seed, warnings), ...checkQuizSeed(specialised, seed));
  }
  if (lines.length === 0) {
    lines.push({ ok: true, text: `checks.ts computes the same params and answers twice, and the answer key scores full marks and a blank sheet zero, on ${QUIZ_CHECK_SEEDS.length} seeded variants` });
  }
  return lines;
}

/** Checks a data package given by its files (a folder read, or an archive unpacked). */
export async function checkDataPackage(id: string, files: Record<string, string>, provider: SandboxProvider, options: { dir?: string } = {}): Promise<PackageCheck> {
  const parsed = parseDataPackage(id, files, options);
  if (!parsed.ok) return { id, ok: false, lines: parsed.errors.map((text) => ({ ok: false, text })), warnings: parsed.warnings };
  const { pkg } = parsed;
  const warnings = [...parsed.warnings];
  let lines: CheckLine[];
  if (pkg.kind === "quiz") {
    lines = pkg.sandboxed ? await checkSandboxedQuiz(pkg, files, warnings) : await quizKind.check(pkg);
  } else {
    lines = await checkCode(pkg, files, provider);
  }
  const all = [{ ok: true, text: "schema and prompt are valid" }, ...lines];
  return { id, ok: all.every((line) => line.ok), lines: all, warnings };
}
