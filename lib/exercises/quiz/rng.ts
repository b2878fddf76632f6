/** Deterministic randomness for seeded quiz variants: a stable string hash and a small PRNG. */

import { hash32 } from "../../grading/authored/rng";

// One FNV-1a for quiz seeds on both sides: the authored sandbox's host seeds its rng with the same.
export { hash32 };

/** The variant seed of one student on one exercise; stable across processes and releases. */
export function quizSeed(userId: string, exerciseId: string): number {
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  return hash32(`${userId}\u0000${exerciseId}`);
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** A float in [lo, hi] rounded to `decimals` places (default 2). */
  float(lo: number, hi: number, decimals?: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy of `items`. */
  shuffle<T>(items: readonly T[]): T[];
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** An sfc32 generator whose state is expanded from a 32-bit seed with splitmix32. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // sfc32's first outputs are weakly mixed; discard a few as its author recommends.
  for (let i = 0; i < 12; i++) nextU32();

  const next = (): number => nextU32() / 0x100000000;
  const int = (lo: number, hi: number): number => {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`rng.int(${lo}, ${hi}): bounds must be integers with lo <= hi`);
    }
    return lo + Math.floor(next() * (hi - lo + 1));
  };
  const float = (lo: number, hi: number, decimals = 2): number => {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo || !Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
      throw new RangeError(`rng.float(${lo}, ${hi}, ${decimals}): need finite lo <= hi and 0..15 decimals`);
    }
    const scale = 10 ** decimals;
    // Draw on the decimal grid inside [lo, hi] so rounding can never leave the range.
    const first = Math.ceil(lo * scale - 1e-9);
    const last = Math.floor(hi * scale + 1e-9);
    if (last < first) throw new RangeError(`rng.float(${lo}, ${hi}, ${decimals}): no ${decimals}-decimal value in range`);
    return int(first, last) / scale;
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("rng.pick: empty array");
    return items[int(0, items.length - 1)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { next, int, float, pick, shuffle };
}
