/**
 * Inverted dropout over one vector of activations.
 * - training: drop unit i when noise[i] < rate, scale the kept units so the expected sum is unchanged;
 * - inference: return x unchanged (as a new array);
 * - throw a RangeError unless 0 ≤ rate < 1.
 */
export function dropout(x: number[], rate: number, noise: number[], training: boolean): number[] {
  // TODO
  return x.map((v, i) => (noise[i]! < rate ? 0 : v));
}
