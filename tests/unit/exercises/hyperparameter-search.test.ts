/**
 * hyperparameter-search: the reference solution keeps the contract's invariants (property tests), and the
 * prompt's plots and worked example are what the code computes (drawn from code, pasted as data).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlotBlockText } from "@/lib/exercises/render/plot/block-parser";
import { bestTrial, gridConfigurations, randomConfigurations } from "../../../exercises/hyperparameter-search/solution";

const prompt = readFileSync(path.resolve(__dirname, "../../../exercises/hyperparameter-search/prompt.md"), "utf8");

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

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const choice = fc.record({ values: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 4 }) });
const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe("hyperparameter-search reference solution", () => {
  it("a grid is every combination, the first parameter varying slowest", () => {
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 4 }), (choices) => {
        const space = choices.map((c, i) => ({ name: names(choices.length)[i] ?? "", values: c.values }));
        const grid = gridConfigurations(space);
        expect(grid).toHaveLength(space.reduce((n, p) => n * p.values.length, 1));
        // Configuration k is k written in mixed radix, the last parameter as the lowest digit.
        grid.forEach((config, k) => {
          let rest = k;
          for (let j = space.length - 1; j >= 0; j--) {
            const p = space[j]!;
            expect(config[p.name]).toBe(p.values[rest % p.values.length]);
            rest = Math.floor(rest / p.values.length);
          }
          expect(Object.keys(config).sort()).toEqual(space.map((p) => p.name).sort());
        });
      }),
    );
  });

  it("random configurations take one draw per parameter, configuration by configuration, inside the ranges", () => {
    const space = [
      { name: "lr", min: 1e-5, max: 1, scale: "log" as const },
      { name: "units", values: [8, 16, 32] },
      { name: "dropout", min: 0.1, max: 0.6, scale: "linear" as const },
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
        const configs = randomConfigurations(space, n, seed);
        const r = mulberry32(seed);
        expect(configs).toHaveLength(n);
        for (const config of configs) {
          const [u0, u1, u2] = [r(), r(), r()];
          expect(Math.log10(config.lr ?? Number.NaN)).toBeCloseTo(-5 + 5 * u0, 10);
          expect(config.units).toBe(space[1]?.values?.[Math.floor(u1 * 3)]);
          expect(config.dropout).toBeCloseTo(0.1 + 0.5 * u2, 12);
        }
      }),
    );
    expect(() => randomConfigurations(space, 1.5, 1)).toThrow(RangeError);
    expect(randomConfigurations([], 2, 1)).toEqual([{}, {}]);
  });

  it("the best trial is the first best number; NaN never wins and infinities are ordinary", () => {
    const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));
    fc.assert(
      fc.property(fc.array(score, { maxLength: 12 }), fc.constantFrom("min" as const, "max" as const), (scores, mode) => {
        const trials = scores.map((s, i) => ({ config: { i }, score: s }));
        const numbers = scores.filter((s) => !Number.isNaN(s));
        if (numbers.length === 0) {
          expect(() => bestTrial(trials, mode)).toThrow(Error);
          return;
        }
        const best = mode === "min" ? Math.min(...numbers) : Math.max(...numbers);
        expect(bestTrial(trials, mode)).toEqual({ config: { i: scores.indexOf(best) }, score: best, index: scores.indexOf(best) });
      }),
    );
  });
});

describe("hyperparameter-search prompt", () => {
  const plots = plotSeries(prompt);

  it("plots the decade shares of 4000 log- and linear-scale samples", () => {
    const plot = plots.get("Where 4000 samples of a range from 1e-5 to 1e-1 fall");
    for (const scale of ["log", "linear"] as const) {
      const xs = randomConfigurations([{ name: "lr", min: 1e-5, max: 1e-1, scale }], 4000, 2026).map((c) => c.lr ?? Number.NaN);
      const shares = [-5, -4, -3, -2].map((k) => xs.filter((x) => x >= 10 ** k && x < 10 ** (k + 1)).length / 4000);
      expect(plot?.get(`${scale} scale`)).toEqual(shares);
    }
  });

  it("plots the best loss so far of the 5 × 5 grid and of random search", () => {
    const loss = (c: Record<string, number>) => 0.25 + 0.3 * (Math.log10(c.lr ?? Number.NaN) + 2.6) ** 2 + 0.02 * Math.abs(Math.log2((c.units ?? Number.NaN) / 64));
    const units = { name: "units", values: [16, 32, 64, 128, 256] };
    const bestSoFar = (configs: Record<string, number>[]) =>
      configs.map((_, k) => bestTrial(configs.slice(0, k + 1).map((config) => ({ config, score: loss(config) })), "min").score);
    const grid = bestSoFar(gridConfigurations([{ name: "lr", values: [1e-4, 1e-3, 1e-2, 1e-1, 1] }, units]));
    const runs = Array.from({ length: 20 }, (_, seed) => bestSoFar(randomConfigurations([{ name: "lr", min: 1e-4, max: 1, scale: "log" }, units], 25, seed)));
    const random = grid.map((_, k) => runs.reduce((sum, run) => sum + (run[k] ?? Number.NaN), 0) / runs.length);
    const plot = plots.get("Best validation loss so far, 25 trials");
    plot?.get("grid search 5 × 5")?.forEach((v, k) => expect(v).toBeCloseTo(grid[k] ?? Number.NaN, 4));
    plot?.get("random search")?.forEach((v, k) => expect(v).toBeCloseTo(random[k] ?? Number.NaN, 4));
    expect(plot?.get("random search")).toHaveLength(25);
  });

  it("works the example the reference computes", () => {
    const [first, second] = randomConfigurations(
      [{ name: "lr", min: 1e-4, max: 1e-1, scale: "log" }, { name: "units", values: [32, 64, 128] }, { name: "dropout", min: 0, max: 0.5, scale: "linear" }],
      2,
      42,
    );
    expect(first?.lr).toBeCloseTo(0.006358, 6);
    expect(first).toMatchObject({ units: 64 });
    expect(first?.dropout).toBeCloseTo(0.4262, 4);
    expect(second?.lr).toBeCloseTo(0.01021, 5);
    expect(second).toMatchObject({ units: 32 });
    expect(second?.dropout).toBeCloseTo(0.2633, 4);
    const trials = [0.41, Number.NaN, 0.27, 0.27].map((score, i) => ({ config: { i }, score }));
    expect(bestTrial(trials, "min").index).toBe(2);
  });
});
