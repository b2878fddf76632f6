/** The similarity analysis's settings (issue 20): defaults chosen on the labelled set in tests/fixtures/similarity. */
import { z } from "zod";
import type { SimilarityOptions } from "./types";

/**
 * k-gram and window lengths were chosen by sweeping the labelled set (tests/unit/similarity/labelled-set.test.ts):
 * short solutions (a dozen lines) need short k-grams to leave any fingerprint once boilerplate is ignored.
 */
export const DEFAULT_SIMILARITY_OPTIONS: SimilarityOptions = Object.freeze({
  kgramLength: 12,
  windowLength: 6,
  maxFingerprintShare: 0.5,
  minSubmissionsForCommonFilter: 6,
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
