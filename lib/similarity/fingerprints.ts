/**
 * Winnowed fingerprints of tokenized code (Dolos's WinnowFilter, as MOSS does it), the boilerplate's
 * fingerprints, and the similarity of two fingerprinted submissions.
 */
import { WinnowFilter } from "@dodona/dolos-core";

/**
 * Occurrences of one hash that count, per submission: a fingerprint repeated all over one file (a data table,
 * generated code) says nothing more the tenth time, and counted every time it made two unrelated data files
 * score near 100 %.
 */
export const MAX_COUNT_PER_HASH = 1;
/** Occurrences of one hash in `b` that the longest-fragment search follows, which keeps it linear in `a`. */
export const MAX_POSITIONS_PER_HASH = 4;

/** One selected k-gram: its hash and the tokens it spans (`stop` inclusive). */
export interface Fingerprint {
  hash: number;
  start: number;
  stop: number;
}

/** A submission's fingerprints once the ignored ones are known (its tokens and their regions are not kept). */
export interface FingerprintedCode {
  /** Every winnowed fingerprint, in code order (the index is Dolos's k-gram index). */
  all: Fingerprint[];
  /** Whether each of `all` counts (not boilerplate, not common). */
  kept: boolean[];
  /** How often each kept hash counts: its occurrences, at most MAX_COUNT_PER_HASH. */
  counts: Map<number, number>;
  /** Kept occurrences: the sum of `counts`. */
  total: number;
}

export function winnow(tokens: readonly string[], kgramLength: number, windowLength: number): Fingerprint[] {
  return new WinnowFilter(kgramLength, windowLength).fingerprints([...tokens]).map(({ hash, start, stop }) => ({ hash, start, stop }));
}

/**
 * Every k-gram hash of the boilerplate (not only the winnowed ones: a submission's window may select a k-gram
 * of the starter that the starter's own window did not).
 */
export function everyKgramHash(tokens: readonly string[], kgramLength: number): Set<number> {
  return new Set(winnow(tokens, kgramLength, 1).map((f) => f.hash));
}

export function keepFingerprints(all: Fingerprint[], ignored: (hash: number) => boolean): FingerprintedCode {
  const kept = all.map((f) => !ignored(f.hash));
  const counts = new Map<number, number>();
  let total = 0;
  all.forEach((f, i) => {
    if (!kept[i]) return;
    const count = counts.get(f.hash) ?? 0;
    if (count >= MAX_COUNT_PER_HASH) return;
    counts.set(f.hash, count + 1);
    total += 1;
  });
  return { all, kept, counts, total };
}

/** Kept occurrences of both that the other one also has, over all kept occurrences of both (Dolos's measure). */
export function similarityOf(a: FingerprintedCode, b: FingerprintedCode): number {
  const denominator = a.total + b.total;
  if (denominator === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let covered = 0;
  for (const [hash, count] of small) {
    const other = large.get(hash);
    if (other !== undefined) covered += count + other;
  }
  return covered / denominator;
}

/**
 * Tokens of the longest run of consecutive kept fingerprints that both share in the same order (a fragment as
 * Dolos builds it), measured on the longer side. Only the first MAX_POSITIONS_PER_HASH occurrences of a hash in
 * `b` are followed, so the work is at most that many steps per fingerprint of `a` (`steps` counts them).
 */
export function longestFragmentOf(a: FingerprintedCode, b: FingerprintedCode, steps?: { count: number }): number {
  const positionsInB = new Map<number, number[]>();
  b.all.forEach((f, j) => {
    if (!b.kept[j] || !a.counts.has(f.hash)) return;
    const list = positionsInB.get(f.hash);
    if (!list) positionsInB.set(f.hash, [j]);
    else if (list.length < MAX_POSITIONS_PER_HASH) list.push(j);
  });
  if (positionsInB.size === 0) return 0;
  // Run start (indices in a and b) ending at each (i, j), keyed by j for the previous i only.
  let previous = new Map<number, [number, number]>();
  let longest = 0;
  for (let i = 0; i < a.all.length; i++) {
    const current = new Map<number, [number, number]>();
    const f = a.all[i]!;
    const js = a.kept[i] ? positionsInB.get(f.hash) : undefined;
    for (const j of js ?? []) {
      if (steps) steps.count += 1;
      const start = previous.get(j - 1) ?? [i, j];
      current.set(j, start);
      const spanA = f.stop - a.all[start[0]]!.start + 1;
      const spanB = b.all[j]!.stop - b.all[start[1]]!.start + 1;
      longest = Math.max(longest, spanA, spanB);
    }
    previous = current;
  }
  return longest;
}
