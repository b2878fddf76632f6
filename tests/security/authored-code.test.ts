/**
 * Authored code (a data package's checks.ts) is hostile too: it runs only in authored sandboxes, under
 * limits, and every escape or abuse ends as a named error, never in the host. The pool survives an
 * authored task that must be SIGKILLed and grades the next job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthoredSandbox, buildDataSpec, dataGradingSpec, runAuthoredTask } from "@/lib/grading/authored";
import { GraderPool } from "@/lib/grading/pool/pool";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { SOLUTION, dataArtefact, dataFiles, quizFiles } from "../unit/grading/authored/fixtures";

const HOSTILE = `
export function loop() { for (;;) {} }
export function microLoop() { const f = (): unknown => Promise.resolve().then(f); f(); return true; }
export function bomb() { const keep: number[][] = []; for (;;) keep.push(new Array(1e6).fill(1)); }
export function usesProcess() { return (process as any).env.DATABASE_URL; }
export function usesFetch() { return (fetch as any)("http://example.com"); }
export function usesTfFetch(): unknown { return (tf as any).env().platform.fetch("http://example.com"); }
export function escapes() { return (function (this: any) { return this.constructor.constructor("return process")(); }).call({}); }
export function evalImport() { return (0, eval)("import('node:fs')"); }
export function number() { return 42; }
export function object() { return { ok: true }; }
export function nothing() {}
export function fn() { return () => 1; }
export function nan() { return [1, NaN]; }
export function huge() { return "x".repeat(5 * 1024 * 1024); }
export function cyclic() { const a: any[] = []; a.push(a); return a; }
export function tamper(): true | string {
  (JSON as any).stringify = () => '{"k":"ret","v":true}';
  (Reflect as any).apply = null;
  (Object.prototype as any).toJSON = function () { return "owned"; };
  (Array.prototype as any).push = null;
  (tf as any).Tensor.prototype.arraySync = () => { throw new Error("tampered"); };
  return "tampered";
}
export function clean(): true | string {
  return (JSON as any).stringify({ a: 1 }) === '{"a":1}' && typeof (tf as any).sum(tf.tensor1d([1])).arraySync() === "number" ? true : "state leaked";
}
export function noStudent(): true | string { return typeof (globalThis as any).leak === "undefined" ? true : "saw the student's global"; }
`;
const CHECKS = `import * as tf from "@tensorflow/tfjs";\n${HOSTILE}`;

describe("hostile authored code in the sandbox", () => {
  let sandbox: AuthoredSandbox;
  beforeAll(() => {
    sandbox = new AuthoredSandbox(CHECKS, { limits: { memoryMb: 64 } });
  });
  afterAll(() => sandbox.dispose());
  const run = (name: string) => sandbox.call(name, [1, { args: [], expected: 1 }], { role: "check" });

  it("an endless loop, also one of microtasks, stops at the time limit", () => {
    expect(run("loop")).toEqual({ ok: false, error: "check `loop` ran past the 1 s time limit" });
    // Each turn of this loop keeps a promise: it may run out of memory before it runs out of time.
    expect(run("microLoop")).toMatchObject({ ok: false, error: expect.stringMatching(/^check `microLoop` ran past the (1 s time|64 MB memory) limit$/) });
  });

  it("a memory bomb stops at the memory limit", () => {
    const fresh = new AuthoredSandbox(CHECKS, { limits: { memoryMb: 64 } });
    try {
      expect(fresh.call("bomb", [], { role: "generator" })).toEqual({ ok: false, error: "generator `bomb` ran past the 64 MB memory limit" });
      // After a limit the next call gets a fresh isolate.
      expect(fresh.call("number", [], { role: "check" })).toEqual({ ok: true, value: 42 });
    } finally {
      fresh.dispose();
    }
  });

  it("after three limit hits a sandbox stops restarting", () => {
    const fresh = new AuthoredSandbox(CHECKS, { limits: { callMs: 50 } });
    try {
      for (let i = 0; i < 3; i++) expect(fresh.call("loop", [])).toEqual({ ok: false, error: "function `loop` ran past the 0.05 s time limit" });
      expect(fresh.call("number", [])).toEqual({ ok: false, error: "function `number` was not run: code in checks.ts hit its limits 3 times" });
    } finally {
      fresh.dispose();
    }
  });

  it("process, fetch and the Function constructor find no host", () => {
    expect(run("usesProcess")).toMatchObject({ ok: false, error: expect.stringMatching(/^check `usesProcess` threw ReferenceError: process is not defined \(checks\.ts line \d+\)$/) });
    expect(run("usesFetch")).toMatchObject({ ok: false, error: expect.stringMatching(/^check `usesFetch` threw ReferenceError: fetch is not defined/) });
    // tf's platform fetch rejects at once; isolated-vm reports the unhandled rejection from the call.
    expect(run("usesTfFetch")).toEqual({ ok: false, error: "check `usesTfFetch` could not run: fetch is not available in the grader" });
    expect(run("escapes")).toMatchObject({ ok: false, error: expect.stringContaining("threw ReferenceError: process is not defined") });
    // An import() smuggled through eval is refused by the isolate (no module loader).
    expect(run("evalImport")).toEqual({ ok: false, error: "check `evalImport` could not run: Not supported" });
  });

  it("require and import() do not compile", () => {
    for (const [source, why] of [
      ["const fs = require('node:fs');\nexport function f() { return fs; }", /checks\.ts does not compile: line 1, column 12: require is not available/],
      ["export async function f() { return import('node:fs'); }", /checks\.ts does not compile: line 1, column 36: dynamic import\(\) is not allowed/],
      ["import fs from 'node:fs';\nexport function f() { return fs; }", /checks\.ts does not compile: line 1, column 1: importing "node:fs" is not allowed/],
    ] as const) {
      const bad = new AuthoredSandbox(source);
      expect(bad.call("f", [], { role: "check" })).toMatchObject({ ok: false, error: expect.stringMatching(why) });
      bad.dispose();
    }
  });

  it("anything but true or a message is refused, by name", () => {
    expect(run("nothing")).toEqual({ ok: false, error: "check `nothing` returned undefined, which is not plain data" });
    expect(run("fn")).toEqual({ ok: false, error: "check `fn` returned a function, which is not plain data" });
    expect(run("nan")).toEqual({ ok: false, error: "check `nan` returned NaN, which is not plain data" });
    expect(run("cyclic")).toMatchObject({ ok: false, error: expect.stringContaining("check `cyclic` Converting circular structure to JSON") });
    expect(run("huge")).toEqual({ ok: false, error: "check `huge` returned more than 4 MB of data" });
    expect(run("number")).toEqual({ ok: true, value: 42 });
  });

  it("tampering with globals cannot forge an answer, and does not reach the next sandbox", () => {
    const tampered = new AuthoredSandbox(CHECKS);
    expect(tampered.call("tamper", [])).toEqual({ ok: true, value: "tampered" });
    expect(tampered.call("number", [])).toMatchObject({ ok: true });
    tampered.dispose();
    const next = new AuthoredSandbox(CHECKS);
    expect(next.call("clean", [])).toEqual({ ok: true, value: true });
    next.dispose();
  });
});

describe("hostile checks and generators in a grading", () => {
  const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
  afterAll(() => provider.dispose());
  const withChecks = (names: string[]) =>
    dataFiles({
      checks: CHECKS,
      exercise: { generators: [], tests: names.map((check) => ({ name: check, call: "scale", args: [[1, 2], 2], compare: { kind: "check", check } })) },
    });

  it("each failing check fails its own test with a named error; grading goes on and ends", async () => {
    const result = await gradeSource(dataGradingSpec(withChecks(["loop", "number", "object", "usesProcess", "tamper", "clean", "noStudent"])), `globalThis.leak = 1;\n${SOLUTION}`, { provider });
    expect(result.status).toBe("graded");
    const message = (name: string) => result.tests.find((t) => t.name === name)?.message;
    expect(message("loop")).toBe("this test's check could not run: check `loop` ran past the 1 s time limit");
    expect(message("number")).toBe("this test's check could not run: check `number` returned a number, not true or a message");
    expect(message("object")).toBe("this test's check could not run: check `object` returned an object, not true or a message");
    expect(message("usesProcess")).toMatch(/^this test's check could not run: check `usesProcess` threw ReferenceError: process is not defined/);
    expect(message("tamper")).toBe("tampered");
    // The same grading's sandbox saw the tampering; the student's global never reached it.
    expect(message("clean")).toBe("state leaked");
    expect(result.tests.find((t) => t.name === "noStudent")?.passed).toBe(true);
    expect(result.tests.find((t) => t.name === "doubles")?.passed).toBe(true);
  });

  it("the next grading's checks start afresh", async () => {
    const result = await gradeSource(dataGradingSpec(withChecks(["clean"])), SOLUTION, { provider });
    expect(result).toMatchObject({ status: "graded", score: 1 });
  });

  it("a generator that loops or returns junk: the spec is refused with a named problem", () => {
    const files = (generators: string[]) => dataFiles({ checks: `${CHECKS}\nexport function junk() { return [{ name: 1 }]; }\nexport function many() { return Array.from({ length: 501 }, (_, i) => ({ name: "g" + i, call: "scale", args: [] })); }`, exercise: { generators } });
    expect(buildDataSpec(files(["loop"])).problems).toEqual(["generator `loop` ran past the 1 s time limit"]);
    expect(buildDataSpec(files(["bomb"]), { sandbox: { limits: { memoryMb: 64 } } }).problems).toEqual(["generator `bomb` ran past the 64 MB memory limit"]);
    expect(buildDataSpec(files(["junk"])).problems[0]).toMatch(/^generator `junk` returned invalid tests: 0\.name: /);
    expect(buildDataSpec(files(["many"])).problems[0]).toMatch(/^generator `many` returned invalid tests: \(root\): Too big/);
    expect(buildDataSpec(files(["nothing"])).problems).toEqual(["generator `nothing` returned undefined, which is not plain data"]);
  });

  it("a quiz params function that loops or escapes fails the task with a named error", async () => {
    const quiz = (params: string) => quizFiles({ checks: HOSTILE, quiz: { questions: [{ id: "q", kind: "numeric", prompt: "p", params, answer: 1 }] } });
    await expect(runAuthoredTask({ kind: "quiz-variants", files: quiz("loop"), seed: 1 })).rejects.toThrow('question "q": params `loop` ran past the 1 s time limit');
    await expect(runAuthoredTask({ kind: "quiz-variants", files: quiz("usesProcess"), seed: 1 })).rejects.toThrow(/question "q": params `usesProcess` threw ReferenceError: process is not defined/);
    await expect(runAuthoredTask({ kind: "quiz-variants", files: quiz("number"), seed: 1 })).rejects.toThrow(/question "q": params `number` returned invalid values/);
  });
});

describe("authored tasks in the grader pool", () => {
  let pool: GraderPool;
  beforeAll(async () => {
    pool = new GraderPool({ size: 1, graceMs: 300, taskMs: 2_500 });
    await pool.ready();
  }, 60_000);
  afterAll(async () => {
    await pool.close();
  });

  it("runs tasks and grades data artefacts in a child", async () => {
    const { outline } = await pool.runAuthoredTask({ kind: "outline", files: dataFiles() });
    expect(outline.tests).toHaveLength(7);
    const { questions } = await pool.runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed: 5 });
    expect(questions).toEqual((await runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed: 5 })).questions);
    expect(await pool.grade(dataArtefact(dataFiles()), SOLUTION)).toMatchObject({ status: "graded", score: 1 });
  });

  it("a task's named failure comes back as a rejection; the child stays", async () => {
    const [pid] = pool.pids();
    const files = quizFiles({ checks: HOSTILE, quiz: { questions: [{ id: "q", kind: "numeric", prompt: "p", params: "loop", answer: 1 }] } });
    await expect(pool.runAuthoredTask({ kind: "quiz-variants", files, seed: 1 })).rejects.toThrow('question "q": params `loop` ran past the 1 s time limit');
    expect(pool.pids()).toEqual([pid]);
  });

  it("a task past the supervisor's deadline is SIGKILLed; the pool grades the next job", async () => {
    // A pool whose task deadline (0.4 s) comes before the sandbox's own 1 s call limit: an endless loop
    // is then stopped by the supervisor, whatever the machine's speed.
    const strict = new GraderPool({ size: 1, graceMs: 300, taskMs: 400 });
    try {
      await strict.ready();
      const [before] = strict.pids();
      const files = quizFiles({ checks: HOSTILE, quiz: { questions: [{ id: "q", kind: "numeric", prompt: "p", params: "loop", answer: 1 }] } });
      await expect(strict.runAuthoredTask({ kind: "quiz-variants", files, seed: 1 })).rejects.toThrow("the authored task ran past its 0.4 s limit (the grading process was stopped)");
      expect(await strict.grade(dataArtefact(dataFiles()), SOLUTION)).toMatchObject({ status: "graded", score: 1 });
      expect(strict.pids()[0]).not.toBe(before);
    } finally {
      await strict.close();
    }
  }, 60_000);
});
