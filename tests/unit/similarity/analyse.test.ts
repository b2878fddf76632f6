import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { analyseSimilarity, comparePair, DEFAULT_SIMILARITY_OPTIONS } from "@/lib/similarity/analyse";
import { keepFingerprints, longestFragmentOf, MAX_POSITIONS_PER_HASH } from "@/lib/similarity/fingerprints";
import { KEPT_PAIRS } from "@/lib/similarity/options";
import { MAX_TOKENS } from "@/lib/similarity/tokenize";
import type { SimilaritySubmission } from "@/lib/similarity/types";
import { boilerplateOf } from "@/tests/helpers/similarity-labelled";
import { disguise, DISGUISES } from "@/tests/helpers/similarity-transform";

const grading = (rel: string) => readFileSync(path.resolve("tests/fixtures/grading", rel), "utf8");

const LOOPS = grading("softmax/student-loops.js");
const TFJS = grading("softmax/student-tfjs.ts");
const TYPED = grading("softmax/student-typed-rows.ts");

describe("analyseSimilarity", () => {
  it("ranks a renamed, reformatted copy first, at 1, and flags only it; pairs keep input order a before b", async () => {
    const copy = disguise(LOOPS, ["rename", "reformat", "comments"], 7, new Set(["softmax"]));
    const result = await analyseSimilarity(
      [{ id: "loops", code: LOOPS }, { id: "tfjs", code: TFJS }, { id: "copy", code: copy }],
      await boilerplateOf("softmax"),
    );
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual([["loops", "copy"], expect.any(Array), expect.any(Array)]);
    expect(result.pairs[0]).toMatchObject({ similarity: 1, flagged: true });
    expect(result.pairs[0]!.longestFragment).toBeGreaterThan(50);
    expect(result.pairs.filter((p) => p.flagged)).toHaveLength(1);
    expect(result.pairs.slice(1).map((p) => p.similarity).every((s) => s < DEFAULT_SIMILARITY_OPTIONS.flagThreshold)).toBe(true);
    for (const p of result.pairs.slice(1)) expect(["loops<tfjs", "tfjs<copy"]).toContain(`${p.a}<${p.b}`);
    expect(result.options).toEqual(DEFAULT_SIMILARITY_OPTIONS);
  });

  it("ignores the starter and the reference solution: two students handing in the solution are not flagged", async () => {
    const boilerplate = await boilerplateOf("softmax");
    const submissions = [{ id: "a", code: boilerplate.solution }, { id: "b", code: `// mine\n${boilerplate.solution}` }, { id: "c", code: boilerplate.starter }];
    const result = await analyseSimilarity(submissions, boilerplate);
    expect(result.skipped).toEqual(["a", "b", "c"]);
    expect(result.pairs.every((p) => p.similarity === 0 && !p.flagged)).toBe(true);
    expect(result.ignored.boilerplate).toBeGreaterThan(0);
    // Without the boilerplate, the same two are identical.
    const unfiltered = await analyseSimilarity(submissions, null);
    expect(unfiltered.pairs[0]).toMatchObject({ a: "a", b: "b", similarity: 1, flagged: true });
    expect(unfiltered.ignored).toEqual({ boilerplate: 0, common: 0 });
  });

  it("ignores fingerprints most of a class shares, only from minSubmissionsForCommonFilter submissions on", async () => {
    const idiom = "function helper(rows) {\n  const out = [];\n  for (let i = 0; i < rows.length; i++) out.push(rows[i] * 2 + 1);\n  return out;\n}\n";
    const distinct = [LOOPS, TFJS, TYPED, grading("softmax/student-tf-default.ts"), grading("count-parameters/student-loops.ts"), grading("early-stopping/student-loops.ts")];
    const submissions: SimilaritySubmission[] = distinct.map((code, i) => ({ id: `s${i}`, code: `${idiom}${code}` }));
    const small = await analyseSimilarity(submissions, null);
    expect(small.commonHashes).toEqual([]);
    const filtered = await analyseSimilarity(submissions, null, { minSubmissionsForCommonFilter: 6 });
    expect(filtered.commonHashes.length).toBeGreaterThan(0);
    expect(filtered.ignored.common).toBe(filtered.commonHashes.length);
    const top = (r: typeof small) => r.pairs.find((p) => p.a === "s1" && p.b === "s4")!.similarity;
    expect(top(filtered)).toBeLessThan(top(small));
  });

  it("gives comparePair the same similarity and longest fragment as the analysis, for every pair", async () => {
    const boilerplate = await boilerplateOf("softmax");
    const submissions = [LOOPS, TFJS, TYPED].flatMap((code, i) =>
      [code, disguise(code, DISGUISES, i + 1, new Set(["softmax"])), disguise(code, ["dead-code", "reorder"], i + 10, new Set(["softmax"]))].map((c, j) => ({ id: `${i}.${j}`, code: c })),
    );
    for (const extra of [LOOPS, TFJS]) submissions.push({ id: `extra${submissions.length}`, code: extra });
    const result = await analyseSimilarity(submissions, boilerplate);
    expect(result.commonHashes.length).toBeGreaterThan(0);
    const byId = new Map(submissions.map((s) => [s.id, s]));
    for (const p of result.pairs) {
      const compared = comparePair(byId.get(p.a)!, byId.get(p.b)!, boilerplate, result.options, result.commonHashes);
      expect({ pair: `${p.a}~${p.b}`, similarity: compared.similarity, longestFragment: compared.longestFragment }).toEqual({ pair: `${p.a}~${p.b}`, similarity: p.similarity, longestFragment: p.longestFragment });
    }
  });

  it("gives the fragments of a pair, mapped to the lines of each side", async () => {
    const boilerplate = await boilerplateOf("softmax");
    const copy = `// copied\n\n${LOOPS.replace(/\bsum\b/g, "total")}`;
    const compared = comparePair({ id: "a", code: LOOPS }, { id: "b", code: copy }, boilerplate, DEFAULT_SIMILARITY_OPTIONS, []);
    expect(compared.similarity).toBe(1);
    expect(compared.fragments).toHaveLength(1);
    const [fragment] = compared.fragments;
    // The copy is shifted by the two lines added on top.
    expect(fragment!.b.startLine - fragment!.a.startLine).toBe(2);
    expect(fragment!.b.endLine - fragment!.a.endLine).toBe(2);
    expect(fragment!.tokens).toBe(compared.longestFragment);
    const none = comparePair({ id: "a", code: LOOPS }, { id: "b", code: TFJS }, boilerplate, DEFAULT_SIMILARITY_OPTIONS, []);
    expect(none).toEqual({ similarity: 0, longestFragment: 0, fragments: [] });
  });

  it("reports progress from 0 to 1, rising, a bounded number of times, and yields to the event loop", async () => {
    // Enough work (a few hundred milliseconds) to need several slices of 25 ms.
    const submissions = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, code: disguise(i % 2 ? LOOPS : TFJS, DISGUISES, i + 1, new Set(["softmax"])) }));
    const seen: number[] = [];
    let settled = false;
    const pending = analyseSimilarity(submissions, null, {}, (f) => seen.push(f));
    void pending.finally(() => (settled = true));
    // Run only if the analysis gave the event loop a turn before it was done (without yielding, it would
    // have run to its end synchronously, and `settled` would be set by then).
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = !settled));
    const result = await pending;
    expect(otherWorkRan).toBe(true);
    // Only the top KEPT_PAIRS pairs are kept, but every pair is counted.
    expect(result.pairs).toHaveLength(KEPT_PAIRS);
    expect(result.totalPairs).toBe((200 * 199) / 2);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    // At most every 2 %: 0, up to 50 steps, and 1.
    expect(seen.length).toBeLessThanOrEqual(52);
  });

  it("handles fewer than two submissions and rejects out-of-range options with the field's name", async () => {
    expect((await analyseSimilarity([], null)).pairs).toEqual([]);
    expect((await analyseSimilarity([{ id: "only", code: LOOPS }], null)).pairs).toEqual([]);
    await expect(analyseSimilarity([], null, { kgramLength: 0 })).rejects.toThrow(ZodError);
    await expect(analyseSimilarity([], null, { flagThreshold: 2 })).rejects.toThrow(/flagThreshold/);
  });

  describe("hard-coded data and huge files", () => {
    /** A data file of about 27 KB: one array of numbers drawn from `seed`, and a function over it. */
    function dataFile(seed: number, body: string): string {
      let x = seed;
      const numbers = Array.from({ length: 4500 }, () => ((x = (x * 48271) % 2147483647), x % 10000));
      return `export const weights = [${numbers.join(", ")}];\n${body}\n`;
    }
    const REDUCE = "export function total() {\n  return weights.reduce((s, w) => s + w, 0);\n}";
    const LOOP = "export function mean() {\n  let s = 0;\n  for (let i = 0; i < weights.length; i++) s += weights[i] / weights.length;\n  return s;\n}";

    it("two unrelated data files are not flagged, a copied table is, and comparing them builds a bounded fragment list", () => {
      const [a, b] = [dataFile(1, REDUCE), dataFile(2, LOOP)];
      expect(a.length).toBeGreaterThan(25_000);
      const unrelated = comparePair({ id: "a", code: a }, { id: "b", code: b }, null, DEFAULT_SIMILARITY_OPTIONS, []);
      expect(unrelated.similarity).toBeLessThan(DEFAULT_SIMILARITY_OPTIONS.flagThreshold);
      // Different data, same function: what they share is the function, not thousands of `$num ,`.
      const sameCode = comparePair({ id: "a", code: a }, { id: "b", code: dataFile(2, REDUCE) }, null, DEFAULT_SIMILARITY_OPTIONS, []);
      expect(sameCode.fragments.length).toBeLessThanOrEqual(1);
      expect(sameCode.longestFragment).toBeLessThan(30);
      const copied = comparePair({ id: "a", code: a }, { id: "b", code: a.replaceAll("weights", "w") }, null, DEFAULT_SIMILARITY_OPTIONS, []);
      expect(copied.similarity).toBe(1);
    });

    it("counts a fingerprint at most once per submission", () => {
      const same = Array.from({ length: 50 }, (_, i) => ({ hash: 7, start: i, stop: i + 7 }));
      const fingerprinted = keepFingerprints([...same, { hash: 8, start: 50, stop: 57 }], () => false);
      expect(fingerprinted.total).toBe(2);
      expect(fingerprinted.counts.get(7)).toBe(1);
    });

    it("finds the longest fragment in a bounded number of steps when one hash repeats all over both sides", () => {
      const repeated = keepFingerprints(Array.from({ length: 20_000 }, (_, i) => ({ hash: 7, start: i, stop: i + 7 })), () => false);
      const steps = { count: 0 };
      const longest = longestFragmentOf(repeated, repeated, steps);
      // Quadratic would be 20 000² = 400 million steps.
      expect(steps.count).toBeGreaterThan(0);
      expect(steps.count).toBeLessThanOrEqual(20_000 * MAX_POSITIONS_PER_HASH);
      expect(longest).toBeGreaterThanOrEqual(MAX_POSITIONS_PER_HASH);
    });

    it("analyses at most MAX_TOKENS tokens of a submission and names the truncated ones", async () => {
      const huge = Array.from({ length: MAX_TOKENS }, (_, i) => `x${i} = y${i} + ${i};`).join("\n");
      const result = await analyseSimilarity([{ id: "huge", code: huge }, { id: "small", code: LOOPS }], null);
      expect(result.truncated).toEqual(["huge"]);
    });
  });

  it("looks at the clock after every pair and yields once a 25 ms slice is used up", async () => {
    // A clock that moves 30 ms at each look: every look after a slice's start finds the slice used up.
    let clock = 0;
    let yields = 0;
    const scheduling = { now: () => (clock += 30), yieldNow: async () => void (yields += 1) };
    const submissions = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, code: i % 2 ? LOOPS : TFJS }));
    const result = await analyseSimilarity(submissions, null, {}, undefined, { scheduling });
    // One yield per submission fingerprinted and one per pair compared.
    expect(result.totalPairs).toBe(15);
    expect(yields).toBe(6 + 15);
  });

  it("keeps only the most similar pairs, counting every pair and every flagged one", async () => {
    const submissions = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, code: disguise(i % 3 ? LOOPS : TFJS, DISGUISES, i + 1, new Set(["softmax"])) }));
    const all = await analyseSimilarity(submissions, null, {}, undefined, { keepPairs: Infinity });
    const top = await analyseSimilarity(submissions, null, {}, undefined, { keepPairs: 5 });
    expect(all.pairs).toHaveLength(66);
    expect(top.pairs).toEqual(all.pairs.slice(0, 5));
    expect(top.totalPairs).toBe(66);
    expect(top.flaggedPairs).toBe(all.pairs.filter((pair) => pair.flagged).length);
    expect(top.flaggedPairs).toBeGreaterThan(0);
  });
});
