/*
 * Similarity of code submissions (issue 20): the types shared by the analysis (lib/similarity/analyse.ts,
 * pure, no database), the stored reports (lib/similarity/reports.ts) and the command line
 * (scripts/similarity.ts).
 */

/** One student's code, as analysed. `id` is the caller's key: a submission id, or a file path on the command line. */
export interface SimilaritySubmission {
  id: string;
  code: string;
}

/** What every student is given or must write: fingerprints found in these are ignored. */
export interface SimilarityBoilerplate {
  /** The exercise's starter code. */
  starter: string;
  /** The reference solution. */
  solution: string;
}

export interface SimilarityOptions {
  /** Tokens per k-gram. */
  kgramLength: number;
  /** k-grams per winnowing window. */
  windowLength: number;
  /**
   * A fingerprint found in more than this share of the submissions is ignored (a fragment the whole class
   * writes). Applied only when the class has at least `minSubmissionsForCommonFilter` submissions.
   */
  maxFingerprintShare: number;
  minSubmissionsForCommonFilter: number;
  /** Pairs at or above this similarity are flagged for review. */
  flagThreshold: number;
}

/** One pair of submissions, `a` before `b` in the input order. */
export interface SimilarityPair {
  a: string;
  b: string;
  /** Shared fingerprints over all fingerprints of both (ignored ones excluded), 0..1. */
  similarity: number;
  flagged: boolean;
  /** Tokens of the longest matching fragment. */
  longestFragment: number;
}

/** A stretch of code: 0-based lines, and columns (end exclusive), as CodeMirror and the pair view use them. */
export interface CodeRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** One matching fragment of a pair: where it is in `a` and in `b`. */
export interface SimilarityFragment {
  a: CodeRegion;
  b: CodeRegion;
  /** Tokens it covers. */
  tokens: number;
}

export interface SimilarityResult {
  /** The most similar pairs (at most the `keepPairs` asked for), most similar first (ties: input order). */
  pairs: SimilarityPair[];
  /** Pairs compared, and how many of them were flagged (kept or not). */
  totalPairs: number;
  flaggedPairs: number;
  /** Submissions of which only the first MAX_TOKENS tokens were analysed. */
  truncated: string[];
  /** Submissions that produced no fingerprint after ignoring (empty, too short, or all boilerplate). */
  skipped: string[];
  /** Fingerprints ignored as boilerplate and as common, for the report's explanation. */
  ignored: { boilerplate: number; common: number };
  /** The fingerprints ignored as common, kept with a report so that a pair's view ignores exactly the same. */
  commonHashes: number[];
  options: SimilarityOptions;
}

/** Progress of a long analysis, 0..1, reported at most every few percent. */
export type SimilarityProgress = (fraction: number) => void;
