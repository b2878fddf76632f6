import { afterAll, describe, expect, it } from "vitest";
import { AuthoredSandbox, hash32, questionSeed, runAuthoredTask } from "@/lib/grading/authored";
import { createRng, hash32 as quizHash32, type Rng } from "@/lib/exercises/quiz/rng";
import { createVariant } from "@/lib/exercises/quiz/variant";
import type { Quiz } from "@/lib/exercises/quiz/schema";
import { QUIZ, quizFiles } from "./fixtures";

/** The same draws on either side: every method, edge arguments included. */
function draws(rng: Rng): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 5; i++) out.push(rng.next());
  out.push(rng.int(0, 0), rng.int(-5, 5), rng.int(1, 1_000_000), rng.float(0, 1), rng.float(-2.5, 2.5, 3), rng.float(0.1, 0.2, 15), rng.float(1, 1, 0));
  out.push(rng.pick(["a", "b", "c", "d"]), rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8]), rng.shuffle([]));
  return out;
}

const DRAW_SOURCE = `export function draws(rng: any) {
  const out: unknown[] = [];
  for (let i = 0; i < 5; i++) out.push(rng.next());
  out.push(rng.int(0, 0), rng.int(-5, 5), rng.int(1, 1_000_000), rng.float(0, 1), rng.float(-2.5, 2.5, 3), rng.float(0.1, 0.2, 15), rng.float(1, 1, 0));
  out.push(rng.pick(["a", "b", "c", "d"]), rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8]), rng.shuffle([]));
  return out;
}
export function badInt(rng: any) { return rng.int(1.5, 2); }
export function badFloat(rng: any) { return rng.float(0, 1, 16); }
export function emptyPick(rng: any) { return rng.pick([]); }
`;

const sandbox = new AuthoredSandbox(DRAW_SOURCE);
afterAll(() => sandbox.dispose());

describe("the rng inside the authored sandbox", () => {
  it("draws exactly what lib/exercises/quiz/rng.ts createRng draws, over many seeds", () => {
    const seeds = [0, 1, 2, 42, 12345, 0x7fffffff, 0x80000000, 0xffffffff];
    for (let i = 0; i < 400; i++) seeds.push(hash32(`seed ${i}`));
    for (const seed of seeds) {
      const inside = sandbox.call("draws", [], { rngSeed: seed });
      expect(inside, `seed ${seed}`).toEqual({ ok: true, value: draws(createRng(seed)) });
    }
  });

  it("throws the same RangeErrors as the host rng", () => {
    expect(sandbox.call("badInt", [], { rngSeed: 1, role: "params" })).toEqual({ ok: false, error: "params `badInt` threw RangeError: rng.int(1.5, 2): bounds must be integers with lo <= hi (checks.ts line 8)" });
    expect(() => createRng(1).int(1.5, 2)).toThrow("rng.int(1.5, 2): bounds must be integers with lo <= hi");
    expect(sandbox.call("badFloat", [], { rngSeed: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("rng.float(0, 1, 16): need finite lo <= hi and 0..15 decimals") });
    expect(sandbox.call("emptyPick", [], { rngSeed: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("rng.pick: empty array") });
  });

  it("hash32 and the question seed are the quiz's", () => {
    for (const text of ["", "a", "12345:q1", "ünïcødé ✓", "x".repeat(300)]) expect(hash32(text)).toBe(quizHash32(text));
    expect(questionSeed(-1, "q")).toBe(quizHash32(`${-1 >>> 0}:q`));
  });

  it("a data quiz gets the params and answers the module form would give, seed by seed", async () => {
    // The module form of the same quiz: checks.ts' functions written on the host.
    const lr = (rng: Rng) => ({ a: rng.int(1, 9), b: rng.float(0, 1, 3), c: rng.pick(["x", "y", "z"]) });
    const moduleQuiz = { questions: QUIZ.questions.filter((q) => q.params).map((q) => ({ ...q, params: lr, answer: 0, choices: q.choices ?? [] })) } as unknown as Quiz;
    for (const seed of [0, 1, 99, 123456789, 0xffffffff]) {
      const { questions } = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed });
      const variant = createVariant(moduleQuiz, seed);
      for (const id of ["n1", "s1", "p1"]) expect(questions[id]?.params, `${seed} ${id}`).toEqual(variant.questions[id]?.params);
      const n1 = questions.n1?.params as { a: number; b: number };
      expect(questions.n1?.answer).toBe(n1.a + n1.b);
    }
  });
});
