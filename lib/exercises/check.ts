/** `npm run exercises:check`: proves each package loads, its reference is right, its starter is not, its tests are stable. */
import { isDeepStrictEqual } from "node:util";
import { plural } from "../format/plural";
import { gradeSource } from "../grading/runner";
import type { SandboxProvider } from "../grading/sandbox/provider";
import type { ExercisePackage, QuizPackage } from "./loader";
import { loadPackage } from "./loader";
import { createVariant, gradeQuiz, renderableQuiz, type QuizVariant } from "./quiz";
import { expectedAnswer } from "./quiz/expected";

export interface PackageCheck {
  id: string;
  ok: boolean;
  /** One line per check, passed or not. */
  lines: Array<{ ok: boolean; text: string }>;
  warnings: string[];
}

/** Runs every check that applies to the package's kind and reports each one. */
export async function checkPackage(id: string, provider: SandboxProvider, root?: string): Promise<PackageCheck> {
  const loaded = await loadPackage(id, root);
  if (!loaded.ok) {
    return { id, ok: false, lines: loaded.errors.map((text) => ({ ok: false, text })), warnings: loaded.warnings };
  }
  const lines = [{ ok: true, text: "schema and prompt are valid" }];
  if (loaded.pkg.kind === "quiz") lines.push(...checkQuiz(loaded.pkg));
  else lines.push(...(await checkCode(loaded.pkg, provider)));
  return { id, ok: lines.every((line) => line.ok), lines, warnings: loaded.warnings };
}

async function checkCode(pkg: ExercisePackage, provider: SandboxProvider) {
  const reference = await gradeSource(pkg, pkg.solution, { provider });
  const again = await gradeSource(pkg, pkg.solution, { provider });
  const starter = await gradeSource(pkg, pkg.starter, { provider });
  const failing = reference.tests.filter((test) => !test.passed).map((test) => `"${test.name}": ${test.message}`);
  const verdicts = (result: typeof reference) => result.tests.map((test) => [test.name, test.passed, test.message]);
  return [
    {
      ok: reference.status === "graded" && reference.score === 1,
      text: reference.score === 1 ? "the reference solution scores full marks" : `the reference solution scores ${reference.score} (${reference.status}${reference.message ? `: ${reference.message}` : ""}) ${failing.join("; ")}`,
    },
    { ok: starter.score < 1, text: starter.score < 1 ? `the starter scores ${round(starter.score)}, below full marks` : "the starter scores full marks" },
    {
      ok: isDeepStrictEqual(verdicts(reference), verdicts(again)),
      text: isDeepStrictEqual(verdicts(reference), verdicts(again)) ? `the ${plural(reference.tests.length, "test")} ${reference.tests.length === 1 ? "gives" : "give"} the same result twice` : "the tests give different results on a second run",
    },
  ];
}

function checkQuiz(pkg: QuizPackage) {
  const lines: Array<{ ok: boolean; text: string }> = [];
  const seeds = [1, 2, 3, 0xdeadbeef];
  for (const seed of seeds) {
    const variant = createVariant(pkg.quiz, seed);
    const answers = keyOf(pkg, variant);
    const grade = gradeQuiz(pkg.quiz, variant, answers);
    if (grade.score !== 1) lines.push({ ok: false, text: `seed ${seed}: the answer key scores ${grade.score}` });
    const blank = gradeQuiz(pkg.quiz, variant, {});
    if (blank.score !== 0) lines.push({ ok: false, text: `seed ${seed}: an empty answer sheet scores ${blank.score}` });
    if (!isDeepStrictEqual(createVariant(pkg.quiz, seed), variant)) lines.push({ ok: false, text: `seed ${seed}: the variant is not reproducible` });
    const shown = JSON.stringify(renderableQuiz(pkg.quiz, variant));
    if (/"(correct|answer|atol|rtol)"/.test(shown)) lines.push({ ok: false, text: `seed ${seed}: the student view carries answer data` });
  }
  if (lines.length === 0) lines.push({ ok: true, text: `the answer key scores full marks and a blank sheet zero on ${seeds.length} seeded variants` });
  return lines;
}

function keyOf(pkg: QuizPackage, variant: QuizVariant): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of pkg.quiz.questions) {
    const result = expectedAnswer(question, variant.questions[question.id]?.params ?? {});
    if (!result.ok) continue;
    const expected = result.expected;
    answers[question.id] = expected.kind === "single" ? expected.choiceId : expected.kind === "multiple" ? expected.choiceIds : expected.value;
  }
  return answers;
}

function round(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
