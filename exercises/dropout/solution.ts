/**
 * Inverted dropout. In training, unit i is dropped when noise[i] < rate and the kept units are scaled
 * by 1/(1 − rate); at inference x comes back unchanged, as a new array.
 */
export function dropout(x: number[], rate: number, noise: number[], training: boolean): number[] {
  // Written so that NaN fails: every comparison with NaN is false.
  if (!(rate >= 0 && rate < 1)) throw new RangeError("rate must satisfy 0 ≤ rate < 1");
  if (!training) return x.slice();
  const scale = 1 / (1 - rate);
  return x.map((v, i) => ((noise[i] ?? 0) < rate ? 0 : v * scale));
}
