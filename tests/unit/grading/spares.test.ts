/**
 * An idle grader keeps more than one context prepared (harness installed) in its isolate, so a burst of
 * submissions opens contexts without creating them; each submission still gets a context of its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { resolveLimits } from "@/lib/grading/limits";
import { getExpectations } from "@/lib/grading/reference";
import { gradeSource } from "@/lib/grading/runner";
import { DEFAULT_SPARE_CONTEXTS, SandboxProvider } from "@/lib/grading/sandbox/provider";
import { pkgOf } from "./helpers";

const ROW = "logits.map((row) => { const m = Math.max(...row); const e = row.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); })";
/** Leaves a global behind and reports whether it found one left by an earlier submission. */
const LEAKY = `console.log("seen", typeof (globalThis as any).leak); (globalThis as any).leak = 1;\nexport function softmax(logits: number[][]) { return ${ROW}; }`;

let provider: SandboxProvider;
afterEach(() => provider.dispose());

async function softmax() {
  const pkg = await pkgOf("softmax");
  // Computed first (memoised per process), so that the reference solution's own sandbox is out of the way.
  await getExpectations(pkg, resolveLimits(pkg.exercise.limits), true);
  return pkg;
}

describe("spare contexts", () => {
  it("an idle grader prepares more than one; a burst of that many submissions creates none in line, each in a fresh context", async () => {
    expect(DEFAULT_SPARE_CONTEXTS).toBeGreaterThan(1);
    const pkg = await softmax();
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 20 });
    await provider.warm();
    expect(provider.stats.contexts).toEqual({ ahead: DEFAULT_SPARE_CONTEXTS, inLine: 0 });

    // Back to back: no turn of the event loop between submissions for preparing anything.
    for (let i = 0; i < DEFAULT_SPARE_CONTEXTS; i++) {
      const r = await gradeSource(pkg, LEAKY, { provider });
      expect(r).toMatchObject({ status: "graded", score: 1 });
      expect(r.console).toContain("seen undefined");
    }
    expect(provider.stats.contexts).toEqual({ ahead: DEFAULT_SPARE_CONTEXTS, inLine: 0 });

    // The spares are used up: the next submission's context is made in line, still a fresh one.
    const next = await gradeSource(pkg, LEAKY, { provider });
    expect(next.console).toContain("seen undefined");
    expect(provider.stats.contexts).toEqual({ ahead: DEFAULT_SPARE_CONTEXTS, inLine: 1 });
    expect(provider.stats.created).toBe(1);
  });

  it("no more spares than the submissions an isolate has left", async () => {
    await softmax();
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 2 });
    await provider.warm();
    expect(provider.stats.contexts).toEqual({ ahead: 2, inLine: 0 });
  });

  it("an isolate retired with spares (a limit hit) takes them with it: the next submission starts on a new isolate", async () => {
    const pkg = await softmax();
    provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 20 });
    await provider.warm();
    const looped = await gradeSource(pkg, "export function softmax(logits: number[][]): number[][] { for (;;) {} }", { provider, limits: { callMs: 200 } });
    expect(looped.status).toBe("timeout");
    await provider.warm();
    expect(provider.stats.retired.limit).toBe(1);
    const next = await gradeSource(pkg, LEAKY, { provider });
    expect(next).toMatchObject({ status: "graded", score: 1 });
    expect(provider.stats.created).toBe(2);
  });
});
