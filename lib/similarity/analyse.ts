/**
 * The similarity analysis of one class's submissions to one exercise (issue 20): pure, no database. Used by
 * the similarity job (in the web server when embedded, so it yields to the event loop) and the command line.
 */
import { everyKgramHash, keepFingerprints, longestFragmentOf, similarityOf, winnow, type FingerprintedCode } from "./fingerprints";
import { buildFragments } from "./fragments";
import { KEPT_PAIRS, similarityOptions } from "./options";
import { TopPairs } from "./top-pairs";
import { tokenize, type TokenizedCode } from "./tokenize";
import type {
  SimilarityBoilerplate,
  SimilarityFragment,
  SimilarityOptions,
  SimilarityPair,
  SimilarityProgress,
  SimilarityResult,
  SimilaritySubmission,
} from "./types";

export { DEFAULT_SIMILARITY_OPTIONS } from "./options";

/** Longest stretch of work between two yields to the event loop. */
const SLICE_MS = 25;
/** Progress is reported when it moved by at least this much. */
const PROGRESS_STEP = 0.02;
/** Occurrences of one hash a pair's fragments are built from: Dolos pairs every occurrence in one with every one in the other. */
const MAX_FRAGMENT_OCCURRENCES = 4;
/** Share of the work that tokenizing and fingerprinting is counted as (the pairs are the rest). */
const FINGERPRINT_SHARE = 0.3;

function boilerplateHashes(boilerplate: SimilarityBoilerplate | null, kgramLength: number): Set<number> {
  if (!boilerplate) return new Set();
  const hashes = everyKgramHash(tokenize(boilerplate.starter).tokens, kgramLength);
  for (const h of everyKgramHash(tokenize(boilerplate.solution).tokens, kgramLength)) hashes.add(h);
  return hashes;
}

/** How the analysis shares the thread: the clock it reads and how it yields (tests count the yields). */
export interface Scheduling {
  now: () => number;
  yieldNow: () => Promise<void>;
}

const REAL_SCHEDULING: Scheduling = {
  now: () => performance.now(),
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
};

/** Cooperative scheduling: `tick()` (called after every submission and every pair) yields once SLICE_MS is used up. */
function slicer(scheduling: Scheduling): () => Promise<void> {
  let sliceStart = scheduling.now();
  return async () => {
    if (scheduling.now() - sliceStart < SLICE_MS) return;
    await scheduling.yieldNow();
    sliceStart = scheduling.now();
  };
}

function progressReporter(onProgress: SimilarityProgress | undefined): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (!onProgress) return;
    if (fraction < 1 && fraction - last < PROGRESS_STEP) return;
    if (fraction === last) return;
    last = fraction;
    onProgress(fraction);
  };
}

export async function analyseSimilarity(
  submissions: SimilaritySubmission[],
  boilerplate: SimilarityBoilerplate | null,
  options: Partial<SimilarityOptions> = {},
  onProgress?: SimilarityProgress,
  { keepPairs = KEPT_PAIRS, scheduling = REAL_SCHEDULING }: { keepPairs?: number; scheduling?: Scheduling } = {},
): Promise<SimilarityResult> {
  const settings = similarityOptions(options);
  const tick = slicer(scheduling);
  const report = progressReporter(onProgress);
  const n = submissions.length;
  const pairCount = (n * (n - 1)) / 2;
  report(0);

  const ignoredBoilerplate = boilerplateHashes(boilerplate, settings.kgramLength);
  // Only the fingerprints are kept: the tokens and their regions (the bulk of the memory) are dropped here.
  const fingerprinted: { all: ReturnType<typeof winnow> }[] = [];
  const truncated: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = tokenize(submissions[i]!.code);
    if (code.truncated) truncated.push(submissions[i]!.id);
    fingerprinted.push({ all: winnow(code.tokens, settings.kgramLength, settings.windowLength) });
    report((FINGERPRINT_SHARE * (i + 1)) / Math.max(n, 1));
    await tick();
  }

  // How many submissions hold each fingerprint that is not boilerplate.
  const holders = new Map<number, number>();
  const boilerplateSeen = new Set<number>();
  for (const { all } of fingerprinted) {
    const own = new Set<number>();
    for (const f of all) {
      if (ignoredBoilerplate.has(f.hash)) boilerplateSeen.add(f.hash);
      else own.add(f.hash);
    }
    for (const h of own) holders.set(h, (holders.get(h) ?? 0) + 1);
  }
  const commonHashes: number[] = [];
  if (n >= settings.minSubmissionsForCommonFilter) {
    const limit = settings.maxFingerprintShare * n;
    for (const [hash, count] of holders) if (count > limit) commonHashes.push(hash);
    commonHashes.sort((x, y) => x - y);
  }
  const common = new Set(commonHashes);
  const kept: FingerprintedCode[] = fingerprinted.map(({ all }) => keepFingerprints(all, (h) => ignoredBoilerplate.has(h) || common.has(h)));
  fingerprinted.length = 0;

  const top = new TopPairs(keepPairs);
  let compared = 0;
  let flaggedPairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const pair = pairOf(submissions[i]!.id, submissions[j]!.id, kept[i]!, kept[j]!, settings);
      compared += 1;
      if (pair.flagged) flaggedPairs += 1;
      top.add(pair);
      report(FINGERPRINT_SHARE + ((1 - FINGERPRINT_SHARE) * compared) / pairCount);
      await tick();
    }
  }
  report(1);
  return {
    pairs: top.sorted(),
    totalPairs: compared,
    flaggedPairs,
    truncated,
    skipped: submissions.filter((_, i) => kept[i]!.total === 0).map((s) => s.id),
    ignored: { boilerplate: boilerplateSeen.size, common: commonHashes.length },
    commonHashes,
    options: settings,
  };
}

function pairOf(a: string, b: string, fa: FingerprintedCode, fb: FingerprintedCode, options: SimilarityOptions): SimilarityPair {
  const similarity = similarityOf(fa, fb);
  return {
    a,
    b,
    similarity,
    flagged: similarity >= options.flagThreshold && similarity > 0,
    longestFragment: similarity > 0 ? longestFragmentOf(fa, fb) : 0,
  };
}

/**
 * One pair as `analyseSimilarity` saw it (same similarity and longest fragment, given the analysis's options
 * and common fingerprints), with its matching fragments for the side-by-side view.
 */
export function comparePair(
  a: SimilaritySubmission,
  b: SimilaritySubmission,
  boilerplate: SimilarityBoilerplate | null,
  options: SimilarityOptions,
  commonHashes: readonly number[],
): { similarity: number; longestFragment: number; fragments: SimilarityFragment[] } {
  const settings = similarityOptions(options);
  const ignored = boilerplateHashes(boilerplate, settings.kgramLength);
  for (const h of commonHashes) ignored.add(h);
  const [ca, cb] = [tokenize(a.code), tokenize(b.code)] as [TokenizedCode, TokenizedCode];
  const [wa, wb] = [ca, cb].map((code) => winnow(code.tokens, settings.kgramLength, settings.windowLength));
  const fa = keepFingerprints(wa!, (h) => ignored.has(h));
  const fb = keepFingerprints(wb!, (h) => ignored.has(h));
  const { similarity, longestFragment } = pairOf(a.id, b.id, fa, fb, settings);
  if (similarity === 0) return { similarity, longestFragment, fragments: [] };
  // Fragments are built without the hashes repeated all over either side, which would pair every occurrence
  // with every other (quadratic); with MAX_TOKENS per side that bounds the work.
  const fragmentIgnored = new Set(ignored);
  for (const hash of [...repeatedHashes(wa!), ...repeatedHashes(wb!)]) fragmentIgnored.add(hash);
  const fragments = buildFragments({ source: a.code, code: ca }, { source: b.code, code: cb }, fragmentIgnored, settings);
  return { similarity, longestFragment, fragments };
}

function repeatedHashes(all: readonly { hash: number }[]): number[] {
  const counts = new Map<number, number>();
  for (const { hash } of all) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > MAX_FRAGMENT_OCCURRENCES).map(([hash]) => hash);
}
