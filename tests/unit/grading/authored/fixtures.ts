/** Data packages written as files, the way the editor and an import produce them. */
import { hashPackageFiles, type DataArtefact } from "@/lib/grading/artefact";

export const CHECKS = `import * as tf from "@tensorflow/tfjs";

/** The result must sum to k times the input's sum (computed with tf). */
export function sumScaled(actual: unknown, ctx: { args: unknown[]; expected: unknown }): true | string {
  const [xs, k] = ctx.args as [number[], number];
  if (!Array.isArray(actual)) return "expected an array";
  const want = tf.sum(tf.tensor1d(xs)).mul(k).arraySync() as number;
  const got = tf.sum(tf.tensor1d(actual as number[])).arraySync() as number;
  return Math.abs(want - got) < 1e-6 ? true : "the sum of the result is off";
}

let calls = 0;
/** Passes only on its first call in a grading: proves no state crosses from one grading to the next. */
export function firstCall(): true | string {
  calls += 1;
  return calls === 1 ? true : "called " + calls + " times";
}

export function moreTests(rng: { int(lo: number, hi: number): number }) {
  return [1, 2, 3].map((i) => ({ name: "generated " + i, call: "scale", args: [[rng.int(1, 9), rng.int(1, 9)], rng.int(2, 5)] }));
}
`;

export const EXERCISE = {
  id: "scale-list",
  title: "Scale a list",
  topic: "basics",
  points: 10,
  difficulty: "easy",
  kind: "code",
  exports: ["scale"],
  examples: [{ name: "doubles", call: "scale", args: [[1, 2], 2], compare: { kind: "exact" } }],
  tests: [
    { name: "close", call: "scale", args: [[0.1, 0.2], 3] },
    { name: "by check", call: "scale", args: [[1, 2, 3], 4], compare: { kind: "check", check: "sumScaled" }, misconception: "sum" },
    { name: "rejects a bad factor", call: "scale", args: [[1], "x"], compare: { kind: "throws", errorType: "TypeError" } },
    { name: "fresh state", call: "scale", args: [[5], 1], compare: { kind: "check", check: "firstCall" } },
  ],
  generators: ["moreTests"],
  seed: 7,
};

export const SOLUTION = `export function scale(xs: number[], k: number): number[] {
  if (typeof k !== "number") throw new TypeError("k must be a number");
  return xs.map((x) => x * k);
}
`;

export const WRONG = `export function scale(xs: number[], k: number): number[] {
  return xs.map((x) => x * k + 1);
}
`;

/** The package's files, with overrides (a file set to undefined is dropped). */
export function dataFiles(over: { exercise?: Record<string, unknown>; checks?: string | undefined; solution?: string } = {}): Record<string, string> {
  const files: Record<string, string> = {
    "exercise.json": JSON.stringify({ ...EXERCISE, ...over.exercise }, null, 2),
    "prompt.md": "# Scale a list\n",
    "starter.ts": "export function scale(xs: number[], k: number): number[] {\n  return xs;\n}\n",
    "solution.ts": over.solution ?? SOLUTION,
  };
  const checks = "checks" in over ? over.checks : CHECKS;
  if (checks !== undefined) files["checks.ts"] = checks;
  return files;
}

export function dataArtefact(files: Record<string, string>, exerciseId = "scale-list"): DataArtefact {
  return { exerciseId, version: hashPackageFiles(files), files, format: "data" };
}

/** A quiz data package whose params and answers come from checks.ts. */
export const QUIZ_CHECKS = `export function lr(rng: any) { return { a: rng.int(1, 9), b: rng.float(0, 1, 3), c: rng.pick(["x", "y", "z"]) }; }
export function sum(p: { a: number; b: number }) { return p.a + p.b; }
export function pickOne(p: { a: number }) { return p.a > 4 ? "big" : "small"; }
export function both() { return ["big", "small"]; }
`;

export const QUIZ = {
  id: "rates",
  title: "Rates",
  topic: "basics",
  points: 3,
  difficulty: "easy",
  kind: "quiz",
  questions: [
    { id: "n1", kind: "numeric", prompt: "{{a}} + {{b}}?", params: "lr", answer: "sum" },
    { id: "s1", kind: "single", prompt: "{{a}} big?", params: "lr", answer: "pickOne", choices: [{ id: "big", text: "big" }, { id: "small", text: "small" }] },
    { id: "m1", kind: "multiple", prompt: "which?", answer: "both", choices: [{ id: "big", text: "big" }, { id: "small", text: "small" }] },
    { id: "p1", kind: "numeric", prompt: "{{a}}?", params: "lr", answer: 3 },
    { id: "static", kind: "single", prompt: "plain", choices: [{ id: "a", text: "a", correct: true }, { id: "b", text: "b" }] },
  ],
};

export function quizFiles(over: { quiz?: Record<string, unknown>; checks?: string } = {}): Record<string, string> {
  return { "exercise.json": JSON.stringify({ ...QUIZ, ...over.quiz }), "prompt.md": "# Rates\n", "checks.ts": over.checks ?? QUIZ_CHECKS };
}
