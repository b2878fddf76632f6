import { describe, expect, it } from "vitest";
import { fragmentLines, lineRange, linesOf, regionLines } from "@/lib/similarity/fragment-lines";
import { percentOf, toStoredResult } from "@/lib/similarity/report-result";
import { DEFAULT_SIMILARITY_OPTIONS } from "@/lib/similarity/options";
import { ANALYSIS_VERSION, submissionsKey } from "@/lib/similarity/report-set";
import type { SimilarityResult } from "@/lib/similarity/types";

const region = (startLine: number, startColumn: number, endLine: number, endColumn: number) => ({ startLine, startColumn, endLine, endColumn });

describe("fragment lines of the side-by-side view", () => {
  it("splits code on every kind of line break", () => {
    expect(linesOf("a\r\nb\nc\rd")).toEqual(["a", "b", "c", "d"]);
  });

  it("does not count a line where a region ends at column 0", () => {
    expect(regionLines(region(2, 4, 5, 0))).toEqual({ first: 2, last: 4 });
    expect(regionLines(region(2, 4, 5, 3))).toEqual({ first: 2, last: 5 });
    expect(regionLines(region(3, 0, 3, 0))).toEqual({ first: 3, last: 3 });
    expect(lineRange(region(2, 4, 8, 1))).toBe("3–9");
    expect(lineRange(region(6, 0, 6, 9))).toBe("7");
  });

  it("marks each line with the numbers of the fragments covering it, within the code", () => {
    expect(fragmentLines([region(0, 0, 1, 5), region(1, 0, 2, 1), region(3, 0, 9, 0)], 5)).toEqual([[1], [1, 2], [2], [3], [3]]);
  });
});

describe("a report's stored result", () => {
  const options = { kgramLength: 10, windowLength: 8, maxFingerprintShare: 0.5, minSubmissionsForCommonFilter: 10, flagThreshold: 0.6 };
  const pair = (index: number, similarity: number) => ({ a: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`, b: "00000000-0000-4000-8000-ffffffffffff", similarity, flagged: similarity >= 0.6, longestFragment: 12 });
  const result: SimilarityResult = { pairs: [pair(1, 0.9), pair(2, 0.7), pair(3, 0.2)], totalPairs: 3, flaggedPairs: 2, truncated: [], skipped: [], ignored: { boilerplate: 4, common: 2 }, commonHashes: [11, 12], options };

  it("keeps the most similar pairs up to the cap, with the counts of all of them", () => {
    const stored = toStoredResult(result, 2);
    expect(stored.pairs.map((entry) => entry.similarity)).toEqual([0.9, 0.7]);
    expect(stored).toMatchObject({ totalPairs: 3, flaggedPairs: 2, ignored: { boilerplate: 4, common: 2 }, commonHashes: [11, 12], options });
  });

  it("writes similarity as a percentage with one decimal", () => {
    expect(percentOf(0.8765)).toBe(87.7);
    expect(percentOf(1)).toBe(100);
  });
});

describe("a set's cache key", () => {
  const boilerplate = { starter: "export const f = () => 0;", solution: "export const f = () => 1;" };

  it("changes with the analysis version, so a changed analysis never reuses an old report", () => {
    const ids = ["b", "a"];
    expect(submissionsKey(ids, boilerplate, DEFAULT_SIMILARITY_OPTIONS)).toBe(submissionsKey(["a", "b"], boilerplate, DEFAULT_SIMILARITY_OPTIONS, ANALYSIS_VERSION));
    expect(submissionsKey(ids, boilerplate, DEFAULT_SIMILARITY_OPTIONS, ANALYSIS_VERSION)).not.toBe(submissionsKey(ids, boilerplate, DEFAULT_SIMILARITY_OPTIONS, ANALYSIS_VERSION - 1));
  });
});
