/** What the code and model kinds share: a package of prompt, starter and solution, graded in the sandbox from its tests. */
import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { plural } from "../../format/plural";
import { SERIES_EXPORT } from "../../grading/series-harness";
import type { CodeExerciseView } from "../exercise-view";
import type { AnyLoadResult, CodePackage } from "../package";
import type { CodeExercise, ModelExercise } from "../schema";
import type { CheckLine, CheckTools, QueuedGrading } from "./kind";
import { checkPrompt, isObject, readPackageFile, zodErrors, type LoadInput } from "./load-parts";
import { CodeRequestSchema } from "./requests";

/** What a kind of code package declares beyond the shared format. */
export interface CodePackageSpec {
  kind: CodePackage["kind"];
  schema: z.ZodType<CodeExercise | ModelExercise, unknown>;
  /** Exports the grader adds to the student's module, which tests may call besides the declared ones. */
  harnessExports: string[];
}

/** Loads a code-like package: its schema, prompt, starter and solution, and the tests' cross-field checks. */
export function loadCodePackage(spec: CodePackageSpec, { id, dir, exported }: LoadInput): AnyLoadResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = spec.schema.safeParse(exported);
  if (!parsed.success) errors.push(...zodErrors(parsed.error.issues));
  const prompt = readPackageFile(dir, "prompt.md", errors);
  const starter = readPackageFile(dir, "starter.ts", errors);
  const solution = readPackageFile(dir, "solution.ts", errors);
  checkPrompt(prompt, errors);
  errors.push(...crossCheckTests(id, exported, [...spec.harnessExports, SERIES_EXPORT]));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors, warnings };
  return { ok: true, pkg: { kind: spec.kind, exercise: parsed.data, dir, prompt, starter, solution }, warnings };
}

/** Checks across fields, run on the raw export so that they are reported even when the schema fails elsewhere. */
function crossCheckTests(id: string, exported: unknown, harnessExports: string[]): string[] {
  const errors: string[] = [];
  if (!isObject(exported)) return errors;
  if (typeof exported.id === "string" && exported.id !== id) errors.push(`exercise.ts: id: "${exported.id}" does not match its folder "${id}"`);
  const exportNames = Array.isArray(exported.exports) ? [...exported.exports.filter((name) => typeof name === "string"), ...harnessExports] : null;
  const names: string[] = [];
  for (const list of ["examples", "tests"] as const) {
    const tests = exported[list];
    if (!Array.isArray(tests)) continue;
    for (const [index, test] of tests.entries()) {
      if (!isObject(test)) continue;
      if (exportNames && typeof test.call === "string" && !exportNames.includes(test.call)) {
        errors.push(`exercise.ts: ${list}[${index}].call: "${test.call}" is not in exports`);
      }
      if (typeof test.name === "string") names.push(test.name);
    }
  }
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    errors.push(`exercise.ts: tests: the test name "${name}" is used twice`);
  }
  return errors;
}

/** The editor view of a code-like package; `describe` says how one visible example reads on the page. */
export function codeView(pkg: CodePackage, promptHtml: string, describe: (call: string, args: unknown[]) => string): CodeExerciseView {
  return {
    kind: "code",
    promptHtml,
    starter: pkg.starter,
    exports: [...pkg.exercise.exports],
    examples: pkg.exercise.examples.map((example) => ({ name: example.name, text: describe(example.call, example.args) })),
  };
}

/** How an example's call reads on the page; a drawn series names the export and how many calls it makes. */
export function describeCall(call: string, args: unknown[]): string {
  const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");
  if (call === SERIES_EXPORT && typeof args[0] === "string" && Array.isArray(args[1])) {
    const calls = args[1].filter(Array.isArray);
    const first = `${args[0]}(${list(calls[0] ?? [])})`;
    if (calls.length === 1) return `${first}, drawn`;
    const fedBack = isObject(args[2]) && "carry" in args[2];
    return `${first}, … (${calls.length} calls${fedBack ? ", each fed the state the previous one returned" : ""}, drawn as a curve)`;
  }
  return `${call}(${list(args)})`;
}

/** Code submissions go through the queue; a preview grades the package's own solution or starter. */
export const QUEUED_CODE_GRADING: QueuedGrading<CodePackage> = {
  mode: "queued",
  request: { schema: CodeRequestSchema, refusal: "This exercise takes code, not answers." },
  source: (pkg, which) => (which === "solution" ? pkg.solution : pkg.starter),
};

export const CODE_PREVIEW = {
  hint: "Grades the reference solution and the starter with the real grader, hidden tests included. The reference should score 100 %, the starter less.",
  solution: "Run reference solution",
  starter: "Run starter",
};

/** The reference scores full marks, the starter does not, and the tests give the same verdicts twice. */
export async function checkCodePackage(pkg: CodePackage, tools: CheckTools): Promise<CheckLine[]> {
  const bundled = await bundleLine(pkg, tools);
  if (!bundled.ok) return [bundled];
  return [bundled, ...(await checkGrading(pkg, tools))];
}

/** The grading part of the check: reference at full marks, starter below, the same verdicts twice. */
export async function checkGrading(pkg: CodePackage, tools: Pick<CheckTools, "grade">): Promise<CheckLine[]> {
  const reference = await tools.grade(pkg, pkg.solution);
  const again = await tools.grade(pkg, pkg.solution);
  const starter = await tools.grade(pkg, pkg.starter);
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

/** Whether the artefact a grader would receive can be built; esbuild's message names the file at fault. */
async function bundleLine(pkg: CodePackage, tools: CheckTools): Promise<CheckLine> {
  try {
    await tools.bundle(pkg);
    return { ok: true, text: "the grading artefact bundles" };
  } catch (error) {
    return { ok: false, text: `the grading artefact does not bundle: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function round(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
