/** The course's seeded generator: copy it exactly (every seeded export draws from it). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 0, 1, …, n − 1 shuffled by Fisher–Yates with r = mulberry32(seed):
 * for i from n − 1 down to 1, j = ⌊r()·(i + 1)⌋, swap positions i and j.
 * Throws a RangeError unless n is an integer ≥ 0.
 */
export function shuffledIndices(n: number, seed: number): number[] {
  const r = mulberry32(seed);
  // TODO: validate n and shuffle with r. For now the order is not shuffled at all.
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Cut shuffledIndices(n, seed): test = the first ⌊n·test⌋ indices, val = the next ⌊n·val⌋, train = the rest.
 * Throws a RangeError unless n is an integer ≥ 0, val ≥ 0, test ≥ 0 and val + test < 1.
 */
export function trainValTestSplit(n: number, fractions: { val: number; test: number }, seed: number): { train: number[]; val: number[]; test: number[] } {
  // TODO
  return { train: shuffledIndices(n, seed), val: [], test: [] };
}

/**
 * One generator r = mulberry32(seed) for all classes; for each class in ascending label order, shuffle its
 * indices (ascending) with the same Fisher–Yates rule and send the first Math.round(count·testFraction) to test.
 * Both lists sorted ascending. Throws a RangeError unless 0 < testFraction < 1.
 */
export function stratifiedSplit(labels: number[], testFraction: number, seed: number): { train: number[]; test: number[] } {
  // TODO
  return { train: labels.map((_, i) => i), test: [] };
}
