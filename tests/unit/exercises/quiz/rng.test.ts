import { describe, expect, it } from "vitest";
import { createRng, hash32, quizSeed } from "@/lib/exercises/quiz";

describe("hash32", () => {
  it("is FNV-1a over UTF-8 bytes", () => {
    expect(hash32("")).toBe(0x811c9dc5);
    expect(hash32("a")).toBe(0xe40c292c);
    expect(hash32("foobar")).toBe(0xbf9cf968);
    expect(hash32("é")).not.toBe(hash32("e"));
  });

  it("keeps user and exercise apart in quizSeed", () => {
    expect(quizSeed("ab", "c")).not.toBe(quizSeed("a", "bc"));
    expect(quizSeed("u1", "steps-per-epoch")).toBe(quizSeed("u1", "steps-per-epoch"));
  });
});

describe("createRng", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 20 }, ((rng) => () => rng.next())(createRng(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("int covers both ends and nothing outside", () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it("float stays in range on the decimal grid", () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const v = rng.float(0.01, 0.1, 3);
      expect(v).toBeGreaterThanOrEqual(0.01);
      expect(v).toBeLessThanOrEqual(0.1);
      expect(Number(v.toFixed(3))).toBe(v);
      expect(String(v).replace(/^0\./, "").length).toBeLessThanOrEqual(3);
    }
  });

  it("pick and shuffle use every element", () => {
    const rng = createRng(11);
    const items = ["a", "b", "c", "d"];
    expect(new Set(Array.from({ length: 200 }, () => rng.pick(items)))).toEqual(new Set(items));
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(["a", "b", "c", "d"]);
  });

  it("refuses bad bounds", () => {
    const rng = createRng(1);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
    expect(() => rng.float(0.111, 0.119, 2)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
