/**
 * The similarity analysis of one class's submissions to one exercise (issue 20): pure, no database. Used by
 * the similarity job (in the web server when embedded, so it yields to the event loop) and the command line.
 */
import { everyKgramHash, keepFingerprints, longestFragmentOf, similarityOf, winnow, type FingerprintedCode } from "./fingerprints";
import { buildFragments } from "./fragments";
import { similarityOptions } from "./options";
import { tokenize } from "./tokenize";
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
/** Pairs compared between two looks at the clock (a pair takes microseconds, a copied one up to a millisecond). */
const PAIRS_PER_CHECK = 16;
/** Share of the work that tokenizing and fingerprinting is counted as (the pairs are the rest). */
const FINGERPRINT_SHARE = 0.3;

function boilerplateHashes(boilerplate: SimilarityBoilerplate | null, kgramLength: number): Set<number> {
  if (!boilerplate) return new Set();
  const hashes = everyKgramHash(tokenize(boilerplate.starter).tokens, kgramLength);
  for (const h of everyKgramHash(tokenize(boilerplate.solution).tokens, kgramLength)) hashes.add(h);
  return hashes;
}

/** Cooperative scheduling: `tick()` yields when the current slice of work is used up. */
function slicer(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
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
): Promise<SimilarityResult> {
  const settings = similarityOptions(options);
  const tick = slicer();
  const report = progressReporter(onProgress);
  const n = submissions.length;
  const pairCount = (n * (n - 1)) / 2;
  report(0);

  const ignoredBoilerplate = boilerplateHashes(boilerplate, settings.kgramLength);
  const fingerprinted: { code: ReturnType<typeof tokenize>; all: ReturnType<typeof winnow> }[] = [];
  for (let i = 0; i < n; i++) {
    const code = tokenize(submissions[i]!.code);
    fingerprinted.push({ code, all: winnow(code.tokens, settings.kgramLength, settings.windowLength) });
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
  const kept: FingerprintedCode[] = fingerprinted.map(({ code, all }) =>
    keepFingerprints(code, all, (h) => ignoredBoilerplate.has(h) || common.has(h)),
  );

  const pairs: SimilarityPair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      pairs.push(pairOf(submissions[i]!.id, submissions[j]!.id, kept[i]!, kept[j]!, settings));
      if (pairs.length % PAIRS_PER_CHECK === 0) {
        report(FINGERPRINT_SHARE + ((1 - FINGERPRINT_SHARE) * pairs.length) / pairCount);
        await tick();
      }
    }
  }
  // Stable sort: ties keep input order.
  pairs.sort((x, y) => y.similarity - x.similarity);
  report(1);
  return {
    pairs,
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
  const [fa, fb] = [a, b].map((s) => {
    const code = tokenize(s.code);
    return keepFingerprints(code, winnow(code.tokens, settings.kgramLength, settings.windowLength), (h) => ignored.has(h));
  }) as [FingerprintedCode, FingerprintedCode];
  const { similarity, longestFragment } = pairOf(a.id, b.id, fa, fb, settings);
  const fragments = similarity > 0 ? buildFragments({ source: a.code, code: fa.code }, { source: b.code, code: fb.code }, ignored, settings) : [];
  return { similarity, longestFragment, fragments };
}
