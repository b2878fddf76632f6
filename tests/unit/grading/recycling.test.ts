import { afterEach, describe, expect, it } from "vitest";
import { resolveLimits } from "@/lib/grading/limits";
import { gradeSource } from "@/lib/grading/runner";
import { DEFAULT_SUBMISSIONS_PER_ISOLATE, SandboxProvider } from "@/lib/grading/sandbox/provider";
import { SandboxIsolate } from "@/lib/grading/sandbox/sandbox";
import { pkgOf } from "./helpers";

const ROW = "logits.map((row) => { const m = Math.max(...row); const e = row.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";
const HONEST = `export function softmax(logits: number[][]) { return ${ROW}; }`;
const TF_HONEST = `import * as tf from "@tensorflow/tfjs";\nconsole.log("globals", typeof (globalThis as any).leak, typeof FinalizationRegistry, typeof WeakRef, typeof (Atomics as any).waitAsync);\nexport function softmax(logits: number[][]) { return tf.softmax(tf.tensor2d(logits)).arraySync(); }`;
const LIMITS = { callMs: 300, loadMs: 500, submissionMs: 4_000, memoryMb: 128 };

let provider: SandboxProvider;
afterEach(() => provider.dispose());

/** Grades like an idle grader: the provider's off-critical-path work runs between submissions. */
async function grade(source: string, limits: Partial<typeof LIMITS> = {}) {
  const r = await gradeSource(await pkgOf("softmax"), source, { provider, limits: { ...LIMITS, ...limits } });
  await new Promise((resolve) => setImmediate(resolve));
  return r;
}

function retired() {
  return Object.fromEntries(Object.entries(provider.stats.retired).filter(([, n]) => n > 0));
}

describe("recycled isolates (a fresh context per submission)", () => {
  it("are the default, and honest submissions with tfjs keep one isolate", async () => {
    expect(DEFAULT_SUBMISSIONS_PER_ISOLATE).toBeGreaterThan(1);
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: DEFAULT_SUBMISSIONS_PER_ISOLATE });
    for (let i = 0; i < 4; i++) {
      const r = await grade(TF_HONEST);
      expect(r).toMatchObject({ status: "graded", score: 1 });
      expect(r.console).toContain("globals undefined function function undefined");
    }
    expect(provider.stats.created).toBe(1);
    expect(retired()).toEqual({});
  });

  it("retire an isolate after its quota of submissions", async () => {
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 3 });
    for (let i = 0; i < 4; i++) expect((await grade(HONEST)).score).toBe(1);
    expect(provider.stats.created).toBe(2);
    expect(retired()).toEqual({ uses: 1 });
  });

  it.each([
    ["a time limit", `export function softmax(logits: number[][]) { for (;;) {} }`, "limit"],
    ["a memory limit", `const keep: number[][] = [];\nfor (;;) keep.push(new Array(1e6).fill(1.5));\n${HONEST}`, "limit"],
    ["intrinsics V8 guards isolate-wide (Array species)", `Object.defineProperty(Array, Symbol.species, { get() { return undefined; } });\n${HONEST}`, "audit"],
    ["an element on Array.prototype", `Object.defineProperty(Array.prototype, "0", { configurable: true, get() { return 0.5; }, set() {} });\n${HONEST}`, "audit"],
    ["a replaced Promise.prototype.then", `const then = Promise.prototype.then;\n(Promise.prototype as any).then = function (this: Promise<unknown>, a: any, b: any) { return then.call(this, a, b); };\n${HONEST}`, "audit"],
    ["a species change with Array.prototype.push replaced (the audit must not use it)", `const push = Array.prototype.push;\nconst orig = Object.getOwnPropertyDescriptor(Array, Symbol.species)!.get;\nObject.defineProperty(Array, Symbol.species, { configurable: true, get() { return undefined; } });\nArray.prototype.push = function (this: unknown[], ...items: unknown[]) { return push.apply(this, items.map((x) => (typeof x === "function" && x !== orig && x.name === "get" ? orig : x))); };\n${HONEST}`, "audit"],
    ["a giant allocation left in a global", `(globalThis as any).keep = new Array(6e6).fill(1.5);\n${HONEST}`, "heap"],
  ])("retire an isolate after %s, and the next submission is graded normally", async (_what, source, reason) => {
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: DEFAULT_SUBMISSIONS_PER_ISOLATE });
    await grade(source);
    // A limit hit in one test also retires the isolates the module is reloaded in for later tests.
    expect(Object.keys(retired())).toEqual([reason]);
    // The replacement was made between submissions, so the next one starts on a new isolate.
    const created = provider.stats.created;
    expect(created).toBeGreaterThanOrEqual(2);
    const next = await grade(TF_HONEST);
    expect(next).toMatchObject({ status: "graded", score: 1 });
    expect(provider.stats.created).toBe(created);
  });

  it("never run a FinalizationRegistry callback, so none lands in a later submission", async () => {
    // With V8's own FinalizationRegistry, cleanups queued by a GC in one submission run at the next
    // entry into the isolate, outside any call's time limit: measured 1000 callbacks run during the
    // next context's first call, which took 103 s despite a 2 s timeout. Checked by disabling the
    // replacement in harness-source.ts: the console of the first context then shows "cleanup".
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: DEFAULT_SUBMISSIONS_PER_ISOLATE });
    const sandbox = new SandboxIsolate({ useSnapshot: true, memoryMb: 512 });
    try {
      const limits = resolveLimits({}, { memoryMb: 512, callMs: 5_000 });
      const seen: string[] = [];
      const first = sandbox.openSession(1, limits, (_level, text) => seen.push(text) > 0);
      const loaded = await first.load(
        `const reg = new FinalizationRegistry(() => { console.log("cleanup"); });\nexports.arm = () => { for (let i = 0; i < 100; i++) reg.register({ pad: new Array(100).fill(i) }, i); const junk = []; for (let i = 0; i < 300; i++) junk.push(new Array(1e5).fill(i)); return 1; };`,
      );
      expect(loaded.k).toBe("loaded");
      expect((await first.call("arm", [])).k).toBe("ret");
      const second = sandbox.openSession(2, limits, () => true);
      expect((await second.load("exports.f = (x) => x;")).k).toBe("loaded");
      for (let i = 0; i < 3; i++) expect(await second.call("f", [i])).toMatchObject({ k: "ret" });
      expect((await first.call("arm", [])).k).toBe("ret");
      expect(seen).toEqual([]);
    } finally {
      sandbox.dispose();
    }
  });

  it("grade without the snapshot the same way", async () => {
    provider = new SandboxProvider({ useSnapshot: false, submissionsPerIsolate: DEFAULT_SUBMISSIONS_PER_ISOLATE });
    for (let i = 0; i < 2; i++) expect(await grade(TF_HONEST)).toMatchObject({ status: "graded", score: 1 });
    expect(provider.stats.created).toBe(1);
  });
});
