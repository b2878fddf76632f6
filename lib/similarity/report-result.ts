import { z } from "zod";
import { KEPT_PAIRS } from "./options";
import type { SimilarityResult } from "./types";

/** Pairs kept with a report, most similar first: the ranking a reviewer reads never needs more. */
export const STORED_PAIR_CAP = KEPT_PAIRS;

const StoredPairSchema = z.object({
  a: z.uuid(),
  b: z.uuid(),
  similarity: z.number().min(0).max(1),
  flagged: z.boolean(),
  longestFragment: z.number().int().nonnegative(),
});

/** What a done report keeps in its `result` column. */
export const StoredSimilarityResultSchema = z.object({
  pairs: z.array(StoredPairSchema),
  totalPairs: z.number().int().nonnegative(),
  flaggedPairs: z.number().int().nonnegative(),
  skipped: z.array(z.uuid()),
  /** Submissions analysed only up to MAX_TOKENS tokens (absent in reports stored before it existed). */
  truncated: z.array(z.uuid()).default([]),
  ignored: z.object({ boilerplate: z.number().int().nonnegative(), common: z.number().int().nonnegative() }),
  commonHashes: z.array(z.number()),
  /** The options the analysis ran with, so that a pair's view compares exactly as the report did. */
  options: z.object({
    kgramLength: z.number().int().positive(),
    windowLength: z.number().int().positive(),
    maxFingerprintShare: z.number(),
    minSubmissionsForCommonFilter: z.number().int(),
    flagThreshold: z.number(),
  }),
});
export type StoredSimilarityResult = z.infer<typeof StoredSimilarityResultSchema>;
export type StoredSimilarityPair = z.infer<typeof StoredPairSchema>;

/** The analysis result as a report stores it: the top pairs (capped), counts, and what was ignored. */
export function toStoredResult(result: SimilarityResult, cap = STORED_PAIR_CAP): StoredSimilarityResult {
  return {
    pairs: result.pairs.slice(0, cap).map(({ a, b, similarity, flagged, longestFragment }) => ({ a, b, similarity, flagged, longestFragment })),
    totalPairs: result.totalPairs,
    flaggedPairs: result.flaggedPairs,
    skipped: result.skipped,
    truncated: result.truncated,
    ignored: result.ignored,
    commonHashes: result.commonHashes,
    options: result.options,
  };
}

/** A stored result read back (null while the report is not done); a malformed one is a bug, so it throws. */
export function readStoredResult(value: unknown): StoredSimilarityResult | null {
  return value === null || value === undefined ? null : StoredSimilarityResultSchema.parse(value);
}

/** Similarity as pages and the CSV show it: a percentage with one decimal. */
export function percentOf(similarity: number): number {
  return Math.round(similarity * 1000) / 10;
}
