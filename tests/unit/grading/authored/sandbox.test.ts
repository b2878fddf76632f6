import { describe, expect, it } from "vitest";
import { AuthoredSandbox } from "@/lib/grading/authored";

const SOURCE = `export function draw() { return [Math.random(), Math.random()]; }
export function logs() { console.log("quiet"); return true; }
export function twice(x: number[]) { return x.map((v) => v * 2); }
export const notAFunction = 1;
export function fakeLimit() { Promise.reject(new Error("Script execution timed out.")); return true; }
`;

function withSandbox<T>(source: string | undefined, run: (s: AuthoredSandbox) => T, options?: ConstructorParameters<typeof AuthoredSandbox>[1]): T {
  const sandbox = new AuthoredSandbox(source, options);
  try {
    return run(sandbox);
  } finally {
    sandbox.dispose();
  }
}

describe("AuthoredSandbox", () => {
  it("lists the exports that are functions and calls them with copied data", () => {
    withSandbox(SOURCE, (s) => {
      expect(s.exportNames()).toEqual({ ok: true, names: ["draw", "logs", "twice", "fakeLimit"] });
      const input = [1, 2];
      expect(s.call("twice", [input])).toEqual({ ok: true, value: [2, 4] });
      expect(input).toEqual([1, 2]);
      expect(s.call("notAFunction", [], { role: "answer" })).toEqual({ ok: false, error: "answer `notAFunction` is not an export of checks.ts" });
      expect(s.call("logs", [])).toEqual({ ok: true, value: true });
    });
  });

  it("seeds Math.random with the exercise seed: same seed, same numbers", () => {
    const draw = (seed: number) => withSandbox(SOURCE, (s) => s.call("draw", []), { seed });
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it("a rejected promise that claims to be a time limit is not counted as one", () => {
    withSandbox(SOURCE, (s) => {
      expect(s.call("fakeLimit", [])).toEqual({ ok: false, error: "function `fakeLimit` could not run: Script execution timed out." });
      expect(s.call("twice", [[1]])).toEqual({ ok: true, value: [2] });
    });
  });

  it("load problems name checks.ts: a throw at the top level (with its line), a loop, no checks.ts at all", () => {
    withSandbox("const a = 1;\nthrow new RangeError('bad top level');\nexport function f() {}", (s) => {
      expect(s.call("f", [], { role: "check" })).toEqual({ ok: false, error: "check `f` could not run: checks.ts threw RangeError: bad top level (checks.ts line 2) while loading" });
    });
    withSandbox("for (;;) {}\nexport function f() {}", (s) => {
      expect(s.call("f", [])).toEqual({ ok: false, error: "function `f` could not run: checks.ts ran past the 0.2 s time limit while loading" });
      // Not loaded again: the same answer, at once.
      const started = performance.now();
      expect(s.call("f", [])).toEqual({ ok: false, error: "function `f` could not run: checks.ts ran past the 0.2 s time limit while loading" });
      expect(performance.now() - started).toBeLessThan(100);
    }, { limits: { loadMs: 200 } });
    withSandbox(undefined, (s) => {
      expect(s.call("f", [], { role: "generator" })).toEqual({ ok: false, error: "generator `f` is not an export of checks.ts (the package has no checks.ts)" });
    });
  });
});
