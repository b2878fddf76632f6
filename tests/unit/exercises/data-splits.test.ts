/**
 * data-splits: the reference solution keeps the contract's invariants (property tests), matches a
 * Fisher–Yates written here independently, and the prompt's plots and worked example are what the code
 * computes (the figures are drawn from code, pasted as data, and must not drift from it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlotBlockText } from "@/lib/exercises/render/plot/block-parser";
import { shuffledIndices, stratifiedSplit, trainValTestSplit } from "../../../exercises/data-splits/solution";

const prompt = readFileSync(path.resolve(__dirname, "../../../exercises/data-splits/prompt.md"), "utf8");
const asc = (a: number, b: number) => a - b;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The plot blocks of a prompt, parsed: title → series label → data. */
function plotSeries(markdown: string): Map<string, Map<string, number[]>> {
  const plots = new Map<string, Map<string, number[]>>();
  for (const match of markdown.matchAll(/```plot\n([\s\S]*?)```/g)) {
    const parsed = parsePlotBlockText(match[1] ?? "");
    if (!parsed.ok) throw new Error(parsed.error);
    const series = parsed.value.series as { label: string; data: number[] }[];
    plots.set(String(parsed.value.title), new Map(series.map((s) => [s.label, s.data])));
  }
  return plots;
}

/** mulberry32 and Fisher–Yates once more, written from the contract's text. */
function contractShuffle(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = range(n);
  for (let i = n - 1; i >= 1; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

const seed = fc.integer({ min: 0, max: 0xffffffff });

describe("data-splits reference solution", () => {
  it("shuffledIndices is the contract's Fisher–Yates, a permutation of 0…n − 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), seed, (n, s) => {
        const order = shuffledIndices(n, s);
        expect(order).toEqual(contractShuffle(n, s));
        expect([...order].sort(asc)).toEqual(range(n));
      }),
    );
  });

  it("trainValTestSplit partitions the shuffled order into test, validation and training, in that order", () => {
    const fraction = fc.integer({ min: 0, max: 49 }).map((k) => k / 100);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fraction, fraction, seed, (n, val, test, s) => {
        const split = trainValTestSplit(n, { val, test }, s);
        expect([...split.test, ...split.val, ...split.train]).toEqual(shuffledIndices(n, s));
        expect(split.test).toHaveLength(Math.floor(n * test));
        expect(split.val).toHaveLength(Math.floor(n * val));
      }),
    );
  });

  it("stratifiedSplit keeps every class's share, sorted, and every index once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 120 }), fc.integer({ min: 1, max: 99 }), seed, (labels, percent, s) => {
        const f = percent / 100;
        const { train, test } = stratifiedSplit(labels, f, s);
        expect([...train, ...test].sort(asc)).toEqual(range(labels.length));
        expect([...train].sort(asc)).toEqual(train);
        expect([...test].sort(asc)).toEqual(test);
        for (const label of new Set(labels)) {
          const count = labels.filter((l) => l === label).length;
          expect(test.filter((i) => labels[i] === label)).toHaveLength(Math.round(count * f));
        }
      }),
    );
  });

  it("rejects what the contract rejects with a RangeError", () => {
    for (const n of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => shuffledIndices(n, 1)).toThrow(RangeError);
      expect(() => trainValTestSplit(n, { val: 0.1, test: 0.1 }, 1)).toThrow(RangeError);
    }
    for (const fractions of [{ val: 0.5, test: 0.5 }, { val: -0.1, test: 0 }, { val: Number.NaN, test: 0.1 }, { val: 0.1, test: Number.NaN }]) {
      expect(() => trainValTestSplit(10, fractions, 1)).toThrow(RangeError);
    }
    for (const f of [0, 1, -0.5, 2, Number.NaN]) expect(() => stratifiedSplit([], f, 1)).toThrow(RangeError);
    expect(stratifiedSplit([], 0.3, 1)).toEqual({ train: [], test: [] });
  });
});

describe("data-splits prompt", () => {
  const plots = plotSeries(prompt);

  it("plots the rare class's test share that the reference computes, seed by seed", () => {
    const labels = range(100).map((i) => (i % 10 === 3 ? 1 : 0));
    const share = (test: number[]) => test.filter((i) => labels[i] === 1).length / test.length;
    const seeds = range(40);
    const plot = plots.get("Share of the rare class in the test set, seeds 0 to 39");
    expect(plot?.get("trainValTestSplit")).toEqual(seeds.map((s) => share(trainValTestSplit(100, { val: 0, test: 0.2 }, s).test)));
    expect(plot?.get("stratifiedSplit")).toEqual(seeds.map((s) => share(stratifiedSplit(labels, 0.2, s).test)));
  });

  it("plots the exact probabilities of each order of [0, 1, 2] under Fisher–Yates and the naive shuffle", () => {
    const orders = ["012", "021", "102", "120", "201", "210"];
    const tally = (draws: number[][]) => {
      const counts = new Map<string, number>();
      for (const js of draws) {
        const a = [0, 1, 2];
        // Position i (2, then 1, then 0 for the naive shuffle) is swapped with js[k].
        js.forEach((j, k) => {
          const i = 2 - k;
          [a[i], a[j]] = [a[j] ?? 0, a[i] ?? 0];
        });
        counts.set(a.join(""), (counts.get(a.join("")) ?? 0) + 1 / draws.length);
      }
      return orders.map((o) => counts.get(o) ?? 0);
    };
    const fisherYates = tally([0, 1, 2].flatMap((j2) => [0, 1].map((j1) => [j2, j1])));
    const naive = tally([0, 1, 2].flatMap((a) => [0, 1, 2].flatMap((b) => [0, 1, 2].map((c) => [a, b, c]))));
    const plot = plots.get("How often each order of [0, 1, 2] comes out");
    plot?.get("Fisher–Yates")?.forEach((p, i) => expect(p).toBeCloseTo(fisherYates[i] ?? 0, 4));
    plot?.get("naive shuffle")?.forEach((p, i) => expect(p).toBeCloseTo(naive[i] ?? 0, 4));
    expect(plot?.get("naive shuffle")).toHaveLength(6);
  });

  it("works the example the reference computes", () => {
    expect(prompt).toContain(`\`shuffledIndices(10, 42)\` is \`${JSON.stringify(shuffledIndices(10, 42)).replace(/,/g, ", ")}\``);
    const split = trainValTestSplit(10, { val: 0.22, test: 0.33 }, 7);
    const show = (a: number[]) => JSON.stringify(a).replace(/,/g, ", ");
    expect(prompt).toContain(`test is \`${show(split.test)}\`, val \`${show(split.val)}\` and train \`${show(split.train)}\``);
    expect(prompt).toContain(`\`${show(shuffledIndices(10, 7))}\``);
    expect(shuffledIndices(5, 42)).toEqual([0, 4, 2, 1, 3]);
  });
});
