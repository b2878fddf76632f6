/**
 * The `authoring` part of `npm run bench`: what authored code costs on the real path (a grader pool's
 * child, as the web process uses it). A grading of a data package with a custom check against the same
 * package whose check test compares by value (the checks isolate opened per submission), the check
 * beside the editor (three gradings and the outline task), and a seeded quiz's variant for a new student.
 * The packages are the data-package examples in tests/fixtures/data-packages (read as data).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { draftArtefact } from "../lib/authoring/artefact";
import { checkPackageFiles } from "../lib/authoring/check-files";
import { GraderPool } from "../lib/grading/pool/pool";
import { poolAuthoringSandbox } from "../lib/startup/pool-authoring-sandbox";

const FIXTURES = path.resolve(import.meta.dirname, "../tests/fixtures/data-packages");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number, d = 1) => Number(x.toFixed(d));

function packageFiles(id: string): Record<string, string> {
  const dir = path.join(FIXTURES, id);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
}

/** The same package with its custom-check test compared by value instead: the baseline of the check's cost. */
function withoutCustomCheck(files: Record<string, string>): Record<string, string> {
  const exercise = JSON.parse(files["exercise.json"] ?? "{}") as { tests: Array<{ compare?: { kind: string } }> };
  for (const test of exercise.tests) if (test.compare?.kind === "check") test.compare = { kind: "close" };
  return { ...files, "exercise.json": `${JSON.stringify(exercise, null, 2)}\n` };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

export async function benchAuthoring({ quick }: { quick: boolean }) {
  const runs = quick ? 5 : 15;
  const pool = new GraderPool({ size: 1 });
  const sandbox = poolAuthoringSandbox(async () => pool);
  try {
    await pool.ready();
    const code = packageFiles("relu-data");
    const solution = code["solution.ts"] ?? "";
    const plain = withoutCustomCheck(code);
    const gradingMs = async (files: Record<string, string>) => {
      const artefact = draftArtefact("relu-data", files);
      await sandbox.grade(artefact, solution); // the version's spec and expectations, once per child
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [ms, result] = await timed(() => sandbox.grade(artefact, solution));
        if (result.status !== "graded" || result.score !== 1) throw new Error(`bench: the reference of relu-data scored ${result.status} ${result.score}`);
        times.push(ms);
      }
      return median(times);
    };
    const withCheck = await gradingMs(code);
    const byValue = await gradingMs(plain);

    const checks: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 3)); i++) {
      const [ms, check] = await timed(() => checkPackageFiles("relu-data", code, sandbox));
      if (!check.ok) throw new Error(`bench: relu-data's check failed: ${JSON.stringify(check.items)}`);
      checks.push(ms);
    }

    const quiz = packageFiles("bias-quiz");
    const variants: number[] = [];
    for (let seed = 1; seed <= runs; seed++) variants.push((await timed(() => sandbox.runTask({ kind: "quiz-variants", files: quiz, seed })))[0]);

    return {
      note: "one grader child (the path the web process uses); medians in ms. relu-data: 1 example and 6 hidden tests (3 of them generated), one hidden test a custom check in checks.ts.",
      gradingWithCustomCheckMs: round(withCheck),
      gradingSameTestsByValueMs: round(byValue),
      customCheckOverheadMs: round(withCheck - byValue),
      checkOnSaveMs: round(median(checks)),
      quizVariantForANewStudentMs: round(median(variants)),
    };
  } finally {
    await pool.close();
  }
}
