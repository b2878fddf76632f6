/**
 * The weight penalty Keras' L1L2 regularizer adds to the loss:
 * l1 times the sum of |w| plus l2 times the sum of w², over every entry of every row.
 * Rows may have different lengths (a kernel and a bias, say).
 */
export function l1l2Penalty(weights: number[][], l1: number, l2: number): number {
  // TODO: visit every weight of every row.
  return 0;
}
