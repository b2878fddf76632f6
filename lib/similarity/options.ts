/** The similarity analysis's settings (issue 20): defaults chosen on the labelled set in tests/fixtures/similarity. */
import { z } from "zod";
import type { SimilarityOptions } from "./types";

/**
 * Chosen on the labelled set (tests/unit/similarity/labelled-set.test.ts; sweep of k 6…18 × window 4…8):
 * - k = 8 tokens, window 6: any run of 13 equal normalised tokens (about one statement) is found, and this pair
 *   had the best ROC AUC (0.99999). The exercises' solutions are a dozen lines, so longer k-grams leave too few
 *   fingerprints once the boilerplate is ignored (recall at 0.5: 0.87 at k = 8, 0.80 at k = 12, 0.73 at
 *   k = 15, 0.68 at k = 18); k = 6 makes unrelated code share more (highest independent pair 0.22 against 0.17).
 * - A fingerprint held by more than 30 % of a class is an idiom, not a copy: on the labelled set, without it the
 *   most similar independent pair is at 0.56 (precision 0.95 at 0.5), with it 0.17 (precision 1), and no copy
 *   pair lost. Only from 10 submissions on, so that a fingerprint needs at least 4 holders to count as common
 *   (a copy pair is 2, and two files on the command line still compare).
 * (Figures of analysis version 1. Version 2 — literal runs as one token, a fingerprint counted once per
 * submission — measured AUC 0.999998, precision 1, recall 0.88, highest independent pair 0.14.)
 * - Flag at 0.5: no independent pair of the labelled set comes near it and 87 % of the copy pairs are above it;
 *   the copies below are heavy rewrites (loops rewritten, or every disguise at once) of ten-line solutions.
 */
export const DEFAULT_SIMILARITY_OPTIONS: SimilarityOptions = Object.freeze({
  kgramLength: 8,
  windowLength: 6,
  maxFingerprintShare: 0.3,
  minSubmissionsForCommonFilter: 10,
  flagThreshold: 0.5,
});

export const SimilarityOptionsSchema = z
  .object({
    kgramLength: z.number().int().min(2).max(200),
    windowLength: z.number().int().min(1).max(200),
    maxFingerprintShare: z.number().gt(0).max(1),
    minSubmissionsForCommonFilter: z.number().int().min(2),
    flagThreshold: z.number().min(0).max(1),
  })
  .strict();

/** The defaults overridden by `overrides`; an out-of-range override throws a ZodError naming the field. */
export function similarityOptions(overrides: Partial<SimilarityOptions> = {}): SimilarityOptions {
  return SimilarityOptionsSchema.parse({ ...DEFAULT_SIMILARITY_OPTIONS, ...overrides });
}

/** Pairs an analysis keeps, most similar first: the ranking a reviewer reads never needs more. */
export const KEPT_PAIRS = 2000;

/**
 * Tokens kept of one submission: past this the rest is left out (and the submission reported as truncated), so
 * that one huge file (a pasted data set) cannot make an analysis or a pair view take minutes.
 */
export const MAX_TOKENS = 20_000;
