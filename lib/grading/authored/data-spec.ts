/**
 * The GradingSpec of a data package, built by trusted lib code from the package's files: tests as
 * data from exercise.json, generated tests appended as hidden tests, comparators mapped to the
 * engine's, and custom checks bound to an authored sandbox (one per submission: `openSubmission`).
 * Nothing of the package is imported; checks.ts runs only in sandbox isolates.
 */
import { check, close, exact, throws, type CheckFn, type Comparator } from "../compare";
import type { GradingSpec, GradingTest } from "../spec";
import { toCheckData } from "./check-data";
import { CHECKS_TS } from "./files";
import { duplicateNames, generateTests } from "./generate";
import { AuthoredSandbox, type AuthoredResult, type AuthoredSandboxOptions } from "./sandbox";
import { readDataExercise, type DataCodeGrading, type DataComparator, type DataTest } from "./schema";

/** What the web side needs of a version's tests (the shape of lib/exercises/artefacts.ts TestOutline). */
export interface AuthoredOutline {
  examples: Array<{ name: string }>;
  tests: Array<{ name: string; misconception?: string }>;
}

export interface DataSpecBuild {
  spec: GradingSpec | null;
  outline: AuthoredOutline;
  /** Why the spec cannot be built (a generator that fails, duplicate names…): empty when it can. */
  problems: string[];
}

export interface DataSpecOptions {
  /** Limits of the authored sandbox (tests keep hostile code short). */
  sandbox?: AuthoredSandboxOptions;
  /** Also report checks and generators named in exercise.json that checks.ts does not export. */
  verifyExports?: boolean;
}

type CallCheck = (name: string, args: unknown[]) => AuthoredResult;

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A custom check: called synchronously in the sandbox with plain copies; one that cannot run fails its test. */
function checkFn(name: string, callCheck: CallCheck): CheckFn {
  return (actual, ctx) => {
    const result = callCheck(name, [toCheckData(actual), { args: ctx.args, expected: toCheckData(ctx.expected) }]);
    if (!result.ok) return `this test's check could not run: ${result.error}`;
    if (result.value === true) return true;
    if (typeof result.value === "string") return result.value.slice(0, 500) || `check \`${name}\` failed`;
    return `this test's check could not run: check \`${name}\` returned ${describeJson(result.value)}, not true or a message`;
  };
}

function comparatorOf(compare: DataComparator | undefined, callCheck: CallCheck): Comparator | undefined {
  if (compare === undefined) return undefined;
  if (compare.kind === "exact") return exact();
  if (compare.kind === "close") return close({ rtol: compare.rtol, atol: compare.atol });
  if (compare.kind === "throws") return throws(compare.errorType);
  return check(checkFn(compare.check, callCheck));
}

function gradingTest(test: DataTest, callCheck: CallCheck): GradingTest {
  const compare = comparatorOf(test.compare, callCheck);
  return {
    name: test.name,
    call: test.call,
    args: test.args,
    repeat: test.repeat,
    ...(compare === undefined ? {} : { compare }),
    ...(test.expected === undefined ? {} : { expected: test.expected }),
    ...(test.hint === undefined ? {} : { hint: test.hint }),
  };
}

function outlineOf(examples: DataTest[], tests: DataTest[]): AuthoredOutline {
  return {
    examples: examples.map(({ name }) => ({ name })),
    tests: tests.map(({ name, misconception }) => (misconception === undefined ? { name } : { name, misconception })),
  };
}

/** Names exercise.json gives to checks and generators that checks.ts does not export. */
function missingExports(exercise: DataCodeGrading, sandbox: AuthoredSandbox): string[] {
  const names = sandbox.exportNames();
  if (!names.ok) return [names.error];
  const used = [...exercise.generators.map((n) => ["generator", n]), ...[...exercise.examples, ...exercise.tests].flatMap((t) => (t.compare?.kind === "check" ? [["check", t.compare.check]] : []))];
  const missing = used.filter(([, n]) => !names.names.includes(n ?? ""));
  return [...new Set(missing.map(([role, n]) => `${role} \`${n}\` is not an export of checks.ts`))];
}

function makeSpec(exercise: DataCodeGrading, hidden: DataTest[], solution: string, callCheck: CallCheck): GradingSpec {
  return {
    exercise: {
      id: exercise.id,
      kind: "code",
      exports: exercise.exports,
      examples: exercise.examples.map((t) => gradingTest(t, callCheck)),
      tests: hidden.map((t) => gradingTest(t, callCheck)),
      seed: exercise.seed,
      ...(exercise.limits === undefined ? {} : { limits: exercise.limits }),
    },
    solution,
  };
}

/** Builds the spec and outline of a code data package; every problem is reported, none thrown. */
export function buildDataSpec(files: Record<string, string>, options: DataSpecOptions = {}): DataSpecBuild {
  const empty: AuthoredOutline = { examples: [], tests: [] };
  let exercise;
  try {
    exercise = readDataExercise(files);
  } catch (error) {
    return { spec: null, outline: empty, problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (exercise.kind !== "code") return { spec: null, outline: empty, problems: ["exercise.json: a quiz has no tests to grade in a sandbox"] };
  const checks = files[CHECKS_TS];
  const sandboxOptions = { seed: exercise.seed, ...options.sandbox };
  const problems: string[] = [];
  let generated: DataTest[] = [];
  if (exercise.generators.length > 0 || (options.verifyExports && checks !== undefined)) {
    const sandbox = new AuthoredSandbox(checks, sandboxOptions);
    try {
      if (options.verifyExports) problems.push(...missingExports(exercise, sandbox));
      const result = generateTests(exercise, sandbox);
      generated = result.tests;
      problems.push(...result.problems.filter((p) => !problems.includes(p)));
    } finally {
      sandbox.dispose();
    }
  }
  const hidden = [...exercise.tests, ...generated];
  problems.push(...duplicateNames([exercise.examples, hidden]));
  const outline = outlineOf(exercise.examples, hidden);
  const solution = files["solution.ts"];
  if (solution === undefined) problems.push("solution.ts: missing");
  if (problems.length > 0 || solution === undefined) return { spec: null, outline, problems };

  // Without a submission scope (a caller that grades outside the runner) each check gets a sandbox of its own.
  const oneOff: CallCheck = (name, args) => {
    const sandbox = new AuthoredSandbox(checks, sandboxOptions);
    try {
      return sandbox.call(name, args, { role: "check" });
    } finally {
      sandbox.dispose();
    }
  };
  const spec = makeSpec(exercise, hidden, solution, oneOff);
  spec.openSubmission = () => {
    let sandbox: AuthoredSandbox | null = null;
    const scoped: CallCheck = (name, args) => (sandbox ??= new AuthoredSandbox(checks, sandboxOptions)).call(name, args, { role: "check" });
    return { spec: makeSpec(exercise, hidden, solution, scoped), close: () => sandbox?.dispose() };
  };
  return { spec, outline, problems };
}

/** The GradingSpec of a code data package; throws an Error listing every problem when it cannot be built. */
export function dataGradingSpec(files: Record<string, string>, options: DataSpecOptions = {}): GradingSpec {
  const built = buildDataSpec(files, options);
  if (built.spec === null) throw new Error(built.problems.join("; "));
  return built.spec;
}
