/** Keras' L1L2 regularizer: l1·Σ|w| + l2·Σw² over every entry of every row. */
export function l1l2Penalty(weights: number[][], l1: number, l2: number): number {
  let sumAbs = 0;
  let sumSquares = 0;
  for (const row of weights) {
    for (const w of row) {
      sumAbs += Math.abs(w);
      sumSquares += w * w;
    }
  }
  return l1 * sumAbs + l2 * sumSquares;
}
