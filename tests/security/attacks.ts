/** Hostile submissions and the outcome each must get (used by attack-suite.test.ts). */
import { expect } from "vitest";
import type { EngineResult } from "@/lib/grading/result";
import batching from "../../exercises/batching/exercise";

export interface Attack {
  name: string;
  exercise: "softmax" | "batching";
  source: string;
  check: (r: EngineResult) => void;
  /** Overrides of the suite's limits for this attack only. */
  limits?: { callMs?: number; loadMs?: number };
}

const ROW = "logits.map((row) => { const m = Math.max(...row); const e = row.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";
/** A correct softmax body, so that only the attack decides the outcome. */
const HONEST = `export function softmax(logits: number[][]) { return ${ROW}; }`;
const failed = (r: EngineResult, name: string) => r.tests.find((t) => t.name === name);
const isLarge = "logits[0] && logits[0][0] === 1000 && logits[0][1] === 1001 && logits.length === 1";

function onlyOneTestFails(name: string, message: RegExp) {
  return (r: EngineResult) => {
    expect(r.status).toBe("graded");
    expect(r.tests.filter((t) => !t.passed).map((t) => t.name)).toEqual([name]);
    expect(failed(r, name)?.message).toMatch(message);
  };
}

/** A limit hit in one test ends the grading there: the tests before it pass, the ones after it are not run. */
function stopsAt(name: string, message: RegExp, status: "timeout" | "memory_limit" = "timeout") {
  return (r: EngineResult) => {
    expect(r.status).toBe(status);
    const at = r.tests.findIndex((t) => t.name === name);
    expect(r.tests.slice(0, at).filter((t) => !t.passed)).toEqual([]);
    expect(r.tests[at]).toMatchObject({ passed: false, unjudged: "limit", message: expect.stringMatching(message) });
    expect(r.tests.slice(at + 1).every((t) => t.message === "not run" && t.unjudged === "not_run")).toBe(true);
    expect(r.message).toMatch(new RegExp(`in test "${name}".*; the ${r.tests.length - at - 1} tests after it were not run\\.$`));
  };
}

function wrongAnswersStillFail(r: EngineResult) {
  expect(r.status).toBe("graded");
  expect(r.score).toBeLessThan(0.2);
}

function consoleShows(...parts: string[]) {
  return (r: EngineResult) => {
    for (const p of parts) expect(r.console).toContain(p);
  };
}

export const ATTACKS: Attack[] = [
  // ── infinite loops ──────────────────────────────────────────────────────────
  { name: "sync infinite loop at top level", exercise: "softmax", source: `for (;;) {}\n${HONEST}`, check: (r) => expect(r).toMatchObject({ status: "timeout", score: 0 }) },
  { name: "sync infinite loop in one call", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) for (;;) {} return ${ROW}; }`, check: stopsAt("large logits", /0\.3 s time limit/) },
  { name: "infinite await loop in one call", exercise: "softmax", source: `export async function softmax(logits: number[][]) { if (${isLarge}) for (;;) await null; return ${ROW}; }`, check: stopsAt("large logits", /time limit/) },
  { name: "microtask chain started at load", exercise: "softmax", source: `const spin = (): Promise<void> => Promise.resolve().then(spin);\nspin();\n${HONEST}`, check: (r) => expect(r.status).toBe("timeout") },
  { name: "setTimeout loop started at load", exercise: "softmax", source: `const tick = () => setTimeout(tick, 0);\ntick();\n${HONEST}`, check: (r) => expect(r.status).toBe("timeout") },
  { name: "never-settling promise in one call", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) return new Promise(() => {}); return ${ROW}; }`, check: stopsAt("large logits", /^did not finish within the 0\.3 s time limit/) },
  { name: "getter that loops while the result is copied out", exercise: "softmax", source: `export function softmax(logits: number[][]) { const out = ${ROW}; if (${isLarge}) Object.defineProperty(out[0], 1, { get() { for (;;) {} } }); return out; }`, check: stopsAt("large logits", /time limit/) },
  { name: "getter export that loops at load", exercise: "softmax", source: `Object.defineProperty(exports, "softmax", { enumerable: true, get() { for (;;) {} } });`, check: (r) => expect(r.status).toBe("timeout") },
  { name: "thrown Proxy whose traps loop", exercise: "batching", source: `export function stepsPerEpoch(n: number, b: number) { if (!Number.isInteger(n) || !Number.isInteger(b) || n < 0 || b < 1) throw new Proxy(new RangeError("x"), { getPrototypeOf() { for (;;) {} }, get() { for (;;) {} } }); return Math.ceil(n / b); }\nexport function batchSizes(n: number, b: number) { if (!Number.isInteger(n) || !Number.isInteger(b) || n < 0 || b < 1) throw new RangeError("bad"); const o: number[] = []; for (let i = 0; i < n; i += b) o.push(Math.min(b, n - i)); return o; }`,
    check: (r) => {
      expect(r.status).toBe("graded");
      const rejections = r.tests.filter((t) => t.name.startsWith("stepsPerEpoch rejects"));
      expect(rejections.every((t) => !t.passed && /not an Error/.test(t.message))).toBe(true);
      expect(r.tests.filter((t) => !t.passed).length).toBe(rejections.length);
    } },
  { name: "submission that runs just under the per-call limit every call", exercise: "softmax", source: `export function softmax(logits: number[][]) { const end = Date.now() + 280; while (Date.now() < end) {} return ${ROW}; }`,
    check: (r) => {
      expect(r.status).toBe("timeout");
      expect(r.tests.some((t) => t.passed)).toBe(true);
      expect(r.tests.some((t) => /not run/.test(t.message))).toBe(true);
    } },
  { name: "Atomics.wait blocking the isolate thread", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return ${ROW}; }`,
    check: (r) => {
      expect(["graded", "timeout"]).toContain(r.status);
      expect(failed(r, "large logits")?.passed).toBe(false);
    } },
  // ── memory, recursion, size ─────────────────────────────────────────────────
  { name: "memory bomb at top level", exercise: "softmax", source: `const keep: number[][] = [];\nfor (;;) keep.push(new Array(1e6).fill(1.5));\n${HONEST}`, check: (r) => expect(r).toMatchObject({ status: "memory_limit", score: 0 }), limits: { loadMs: 2_000 } },
  { name: "memory bomb in one call", exercise: "softmax", source: `const keep: number[][] = [];\nexport function softmax(logits: number[][]) { if (${isLarge}) for (;;) keep.push(new Array(1e6).fill(1.5)); return ${ROW}; }`, check: stopsAt("large logits", /^ran past the 128 MB memory limit$/, "memory_limit"), limits: { callMs: 1_500 } },
  { name: "huge ArrayBuffer allocation", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) return [new Float64Array(2 ** 31)]; return ${ROW}; }`, check: (r) => (r.status === "graded" ? onlyOneTestFails("large logits", /threw RangeError/) : stopsAt("large logits", /memory limit/, "memory_limit"))(r) },
  { name: "deep recursion", exercise: "softmax", source: `function down(n: number): number { return down(n + 1) + 1; }\nexport function softmax(logits: number[][]) { if (${isLarge}) down(0); return ${ROW}; }`, check: onlyOneTestFails("large logits", /threw RangeError/) },
  { name: "huge result", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) return new Array(3e6).fill(0.5); return ${ROW}; }`, check: onlyOneTestFails("large logits", /result too large/) },
  { name: "deeply nested result", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) { let a: unknown[] = []; for (let i = 0; i < 1e5; i++) a = [a]; return a; } return ${ROW}; }`, check: onlyOneTestFails("large logits", /nested too deeply/) },
  { name: "cyclic result", exercise: "softmax", source: `export function softmax(logits: number[][]) { if (${isLarge}) { const a: unknown[] = []; a.push(a); return a; } return ${ROW}; }`, check: onlyOneTestFails("large logits", /nested too deeply/) },
  { name: "console flood", exercise: "softmax", source: `export function softmax(logits: number[][]) { for (let i = 0; i < 20000; i++) console.log("spam".repeat(100)); return ${ROW}; }`,
    check: (r) => {
      expect(r).toMatchObject({ status: "graded", score: 1 });
      expect(r.console.length).toBeLessThan(8192 + 200);
      expect(r.console).toContain("truncated");
    } },
  { name: "one enormous console line", exercise: "softmax", source: `console.log("x".repeat(50_000_000));\n${HONEST}`, check: (r) => { expect(r.status).toBe("graded"); expect(r.console.length).toBeLessThan(8192 + 200); } },
  // ── modules, process, global probing, escapes ───────────────────────────────
  { name: "import of a node module", exercise: "softmax", source: `import { execSync } from "child_process";\n${HONEST}`, check: (r) => expect(r).toMatchObject({ status: "compile_error", score: 0 }) },
  { name: "require of a node module", exercise: "softmax", source: `const fs = require("fs");\n${HONEST}`, check: (r) => expect(r.status).toBe("compile_error") },
  { name: "require declared as a type, then called", exercise: "softmax", source: `declare const require: any;\nconst fs = require("fs");\n${HONEST}`, check: (r) => expect(r).toMatchObject({ status: "compile_error", message: expect.stringMatching(/^line 2, column 12: require is not available/) }) },
  { name: "require inside a declare'd method (its body is emitted)", exercise: "softmax", source: `class Loader { declare load() { return require("fs"); } }\nconsole.log(typeof Loader);\n${HONEST}`, check: (r) => expect(r.status).toBe("compile_error") },
  { name: "type-only require declaration emits nothing and grades", exercise: "softmax", source: `declare const require: (id: string) => unknown;\ntype Loader = typeof require;\n${HONEST}`, check: (r) => expect(r).toMatchObject({ status: "graded", score: 1 }) },
  { name: "dynamic import", exercise: "softmax", source: `export async function softmax(logits: number[][]) { await import("fs"); return ${ROW}; }`, check: (r) => expect(r.status).toBe("compile_error") },
  { name: "look-alike tfjs package", exercise: "softmax", source: `import * as tf from "@tensorflow/tfjs-node";\n${HONEST}`, check: (r) => expect(r.status).toBe("compile_error") },
  { name: "require smuggled through eval", exercise: "softmax", source: `let got = "blocked";\ntry { got = typeof (0, eval)("require")("fs"); } catch (e) { got = "blocked:" + (e as Error).name; }\nconsole.log("eval-require", got);\n${HONEST}`, check: consoleShows("eval-require blocked:ReferenceError") },
  { name: "process and host globals probing", exercise: "softmax", source: `const g = globalThis as any;\nconsole.log("probe", typeof g.process, typeof g.require, typeof g.Buffer, typeof g.fetch, typeof g.ivm, typeof g.harness, typeof g.logHost, typeof g.module);\nconsole.log("names", Object.getOwnPropertyNames(g).filter((n) => /ivm|harness|host|process|require|secret|expect/i.test(n)).join(",") || "none");\n${HONEST}`,
    check: consoleShows("probe undefined undefined undefined undefined undefined undefined undefined undefined", "names none") },
  { name: "Function constructor escape", exercise: "softmax", source: `let r = "blocked";\ntry { r = typeof Function("return process")(); } catch (e) { r = "blocked:" + (e as Error).name; }\nconsole.log("fn", r);\n${HONEST}`, check: consoleShows("fn blocked:ReferenceError") },
  { name: "constructor.constructor chain from arguments and tf", exercise: "softmax", source: `import * as tf from "@tensorflow/tfjs";\nlet seen = "";\nexport function softmax(logits: number[][]) { if (!seen) { const F = (logits as any).constructor.constructor; const G = F("return this")(); const T = (tf.tensor([1]) as any).constructor.constructor("return this")(); seen = [typeof G.process, typeof T.process, G === globalThis, T === globalThis].join(" "); console.log("chain", seen); } return ${ROW}; }`,
    check: consoleShows("chain undefined undefined true true") },
  { name: "stack frames and prepareStackTrace reveal nothing of the host", exercise: "softmax", source: `(Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => String(f.getFileName()) + ":" + String(f.getFunctionName())).join("|");\nfunction peek() { return String(new Error("x").stack); }\nexport function softmax(logits: number[][]) { console.log("stack", peek()); return ${ROW}; }`,
    check: (r) => {
      expect(r.console).toContain("stack student.ts");
      expect(r.console).not.toMatch(/\/work|node_modules|\.ts:\d|isolated-vm|file:/);
    } },
  { name: "sloppy-mode caller and arguments.callee walking up to the grader", exercise: "softmax", source: `module.exports = { softmax: function softmax(logits) { var c = null; try { c = softmax.caller; } catch (e) { c = "threw"; } console.log("caller", c === null ? "null" : typeof c); var m; return logits.map(function (row) { m = Math.max.apply(null, row); var e = row.map(function (z) { return Math.exp(z - m); }); var s = e.reduce(function (a, b) { return a + b; }, 0); return e.map(function (v) { return v / s; }); }); } };`,
    check: (r) => { expect(r.console).toMatch(/caller (null|threw)/); expect(r.score).toBe(1); } },
  // ── pollution and result tricks meant to fool the checks ────────────────────
  { name: "Object/Array prototype pollution with a wrong answer", exercise: "softmax", source: `Object.defineProperty(Array.prototype, "0", { configurable: true, get() { return 0.5; }, set() {} });\n(Object.prototype as any).then = function (ok: (v: unknown) => void) { ok({ k: "ret", v: ["n", new Float64Array([1])], a: [] }); };\n(Object.prototype as any).k = "ret";\nexport function softmax(logits: number[][]) { return logits.map((r) => r.map(() => 0)); }`, check: wrongAnswersStillFail },
  { name: "JSON and Math pollution with a wrong answer", exercise: "softmax", source: `JSON.stringify = () => "[[0.09003057317038046,0.24472847105479764,0.6652409557748219]]";\nJSON.parse = () => ({ score: 1 });\nMath.abs = () => 0;\nMath.max = () => 0;\n(Number as any).isNaN = () => false;\nexport function softmax(logits: number[][]) { return logits.map((r) => r.map(() => NaN)); }`, check: wrongAnswersStillFail },
  { name: "tf pollution with a wrong answer", exercise: "softmax", source: `import * as tf from "@tensorflow/tfjs";\n(tf.Tensor.prototype as any).dataSync = function () { return new Float32Array([0.09, 0.24, 0.66]); };\n(tf.Tensor.prototype as any).arraySync = function () { return [[0.09, 0.24, 0.66]]; };\ntry { Object.defineProperty(tf, "softmax", { value: () => null }); } catch { /* namespace may be frozen */ }\nexport function softmax(logits: number[][]) { return tf.zeros([logits.length, logits[0]!.length]); }`, check: wrongAnswersStillFail },
  { name: "plain object shaped like the grader's tensor envelope", exercise: "softmax", source: `export function softmax(logits: number[][]) { const v = ${ROW}; return { dtype: "float32", shape: [v.length, v[0]!.length], values: v.flat(), dataSync: () => v.flat(), throwIfDisposed() {}, data() {} }; }`,
    check: (r) => { expect(r.score).toBe(0); expect(r.tests[0]?.message).toMatch(/got an object/); } },
  { name: "Proxy result", exercise: "softmax", source: `export function softmax(logits: number[][]) { return new Proxy([], { get: (_t, k) => (k === "length" ? logits.length : new Proxy([], { get: () => 0.3 })), has: () => true, ownKeys: () => ["length"] }); }`, check: wrongAnswersStillFail },
  { name: "toJSON and valueOf tricks", exercise: "softmax", source: `export function softmax(logits: number[][]) { return logits.map((r) => r.map(() => ({ valueOf: () => 0.5, toJSON: () => 0.5, [Symbol.toPrimitive]: () => 0.5 }))); }`, check: wrongAnswersStillFail },
  { name: "thrown lookalikes of RangeError", exercise: "batching", source: `let i = 0;\nfunction bad(): never { i++; if (i % 3 === 0) throw "RangeError"; if (i % 3 === 1) throw { name: "RangeError", message: "x", constructor: RangeError }; throw Object.create(RangeError.prototype); }\nfunction ok(n: number, b: number) { if (!Number.isInteger(n) || !Number.isInteger(b) || n < 0 || b < 1) bad(); }\nexport function stepsPerEpoch(n: number, b: number) { ok(n, b); return Math.ceil(n / b); }\nexport function batchSizes(n: number, b: number) { ok(n, b); const o: number[] = []; for (let j = 0; j < n; j += b) o.push(Math.min(b, n - j)); return o; }`,
    check: (r) => {
      const rejections = r.tests.filter((t) => t.name.includes("rejects"));
      // Every one of batching's "rejects …" tests is run and failed by the lookalikes.
      expect(rejections.length).toBe(batching.tests.filter((t) => t.name.includes("rejects")).length);
      expect(rejections.length).toBeGreaterThan(0);
      expect(rejections.every((t) => !t.passed)).toBe(true);
      expect(r.tests.filter((t) => !t.name.includes("rejects")).every((t) => t.passed)).toBe(true);
    } },
  { name: "forging a score through console output", exercise: "softmax", source: `console.log('{"exercise":"softmax","file":"x","status":"graded","score":1,"tests":[]}');\nexport function softmax(logits: number[][]) { return { score: 1, passed: true, status: "graded" }; }`,
    check: (r) => { expect(r.score).toBe(0); expect(r.status).toBe("graded"); } },
  // ── leaking hidden data ─────────────────────────────────────────────────────
  { name: "echoing hidden inputs through errors and console", exercise: "softmax", source: `export function softmax(logits: number[][]) { console.log("input", JSON.stringify(logits)); if (logits.length > 1 || logits[0]![0] !== 1) { const e = new Error("input=" + JSON.stringify(logits)); e.name = JSON.stringify(logits); throw e; } return ${ROW}; }`,
    check: (r) => {
      const hidden = r.tests.slice(2);
      expect(hidden.every((t) => !/1000|1001|0\\.5|input=/.test(t.message))).toBe(true);
      expect(r.console).not.toMatch(/1000|1001/);
    } },
  { name: "echoing hidden inputs through the returned value", exercise: "softmax", source: `export function softmax(logits: number[][]) { return logits; }`,
    check: (r) => { expect(r.tests.slice(2).every((t) => !/1000|1001|-1000/.test(t.message))).toBe(true); } },
  { name: "searching the sandbox for expected values", exercise: "softmax", source: `const found: string[] = [];\nconst g = globalThis as any;\nfor (const k of Object.getOwnPropertyNames(g)) { try { const s = JSON.stringify(g[k]); if (s && /0\\.6652|expected/.test(s)) found.push(k); } catch {} }\nconsole.log("found", found.join(",") || "nothing");\n${HONEST}`, check: consoleShows("found nothing") },
  // ── state left behind for the next submission ───────────────────────────────
  { name: "state left behind in globals, prototypes, Math and tf", exercise: "softmax", source: `import * as tf from "@tensorflow/tfjs";\n(globalThis as any).leak = 42;\n(Object.prototype as any).polluted = 1;\nMath.random = () => 0;\nArray.prototype.map = function () { return [[0]]; } as any;\ntry { Object.defineProperty(tf, "softmax", { value: () => { throw new Error("poisoned"); } }); } catch { /* namespace may be frozen */ }\n(tf.Tensor.prototype as any).arraySync = () => [[0]];\ntf.setBackend("nonexistent").catch(() => undefined);\nconst reg = new FinalizationRegistry(() => { for (;;) {} });\nfor (let i = 0; i < 1000; i++) reg.register({ big: new Array(1000) }, i);\n${HONEST}`,
    check: (r) => expect(r.status).toBe("graded") },
  // Work queued for later: with recycled isolates (the default) it must neither run in nor be charged
  // to the next submission, which the suite grades right after each attack in the same grader process.
  { name: "FinalizationRegistry callbacks that would spin in a later submission", exercise: "softmax", source: `const reg = new FinalizationRegistry(() => { const end = Date.now() + 1000; while (Date.now() < end) {} });\nfor (let i = 0; i < 100; i++) reg.register({ pad: new Array(50).fill(i) }, i);\nfor (let i = 0; i < 100; i++) new Array(1e5).fill(i);\n(globalThis as any).reg = reg;\nconsole.log("registry", typeof reg.register, reg.unregister({}), String(reg));\n${HONEST}`,
    check: (r) => { expect(r).toMatchObject({ status: "graded", score: 1 }); expect(r.console).toContain("registry function false [object FinalizationRegistry]"); }, limits: { loadMs: 2_000 } },
  { name: "WeakRef to a large object kept in a global", exercise: "softmax", source: `const target = { big: new Array(1e6).fill(1.5) };\nconst ref = new WeakRef(target);\n(globalThis as any).ref = ref;\nclass Sub extends WeakRef<object> {}\nconsole.log("weakref", ref.deref() === target, String(ref), new Sub(target).deref() === target);\n${HONEST}`,
    check: (r) => { expect(r).toMatchObject({ status: "graded", score: 1 }); expect(r.console).toContain("weakref true [object WeakRef] true"); } },
  { name: "Atomics.waitAsync timeout that would fire in a later submission", exercise: "softmax", source: `let wa = "missing";\ntry { const w = (Atomics as any).waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); wa = "queued"; w.value.then(() => { for (;;) {} }); } catch (e) { wa = "blocked:" + (e as Error).name; }\nconsole.log("waitAsync", wa);\n${HONEST}`,
    check: (r) => { expect(r).toMatchObject({ status: "graded", score: 1 }); expect(r.console).toContain("waitAsync blocked:TypeError"); } },
  { name: "pending WebAssembly.compile and instantiate", exercise: "softmax", source: `const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);\nWebAssembly.compile(bytes).then((m) => console.log("compiled", m instanceof WebAssembly.Module));\nWebAssembly.instantiate(bytes).then((r) => console.log("instantiated", r.instance instanceof WebAssembly.Instance));\nconst W = WebAssembly as any;\nconsole.log("absent", typeof W.compileStreaming, typeof W.instantiateStreaming, typeof W.promising, typeof W.Suspending);\n${HONEST}`,
    check: (r) => { expect(r).toMatchObject({ status: "graded", score: 1 }); expect(r.console).toContain("absent undefined undefined undefined undefined"); expect(r.console).toContain("compiled true"); expect(r.console).toContain("instantiated true"); } },
  { name: "WebAssembly.compile whose callback spins: charged to its own submission", exercise: "softmax", source: `WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => { for (;;) {} });\n${HONEST}`,
    check: (r) => expect(r).toMatchObject({ status: "timeout", score: 0 }) },
  { name: "giant leftover allocation held by a global", exercise: "softmax", source: `(globalThis as any).keep = new Array(6e6).fill(1.5);\n(globalThis as any).keep2 = Array.from({ length: 2e5 }, (_, i) => ({ i, s: "x" + i }));\n${HONEST}`,
    check: (r) => expect(r).toMatchObject({ status: "graded", score: 1 }) },
  { name: "intrinsics changed to switch off V8 fast paths for the whole isolate", exercise: "softmax", source: `Object.defineProperty(Array, Symbol.species, { get() { return undefined; } });\n(Object.prototype as any)[0] = 0;\n(Promise.prototype as any).then = Promise.prototype.then;\n${HONEST}`,
    check: (r) => expect(r).toMatchObject({ status: "graded", score: 1 }) },
];

/** The honest submission graded after every attack: it must always get full marks. */
export const HONEST_SOFTMAX = `import * as tf from "@tensorflow/tfjs";\nconsole.log("state", typeof (globalThis as any).leak, typeof ({} as any).polluted, typeof Math.random(), typeof tf.softmax, typeof (globalThis as any).keep, typeof (globalThis as any).reg, typeof (globalThis as any).ref);\nexport function softmax(logits: number[][]) { return tf.softmax(tf.tensor2d(logits)).arraySync(); }`;
