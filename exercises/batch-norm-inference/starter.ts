/**
 * Batch normalization at inference, per feature (column j of x):
 *   y = gamma[j] · (x − movingMean[j]) / √(movingVar[j] + epsilon) + beta[j]
 * Use the moving statistics, not the mean and variance of this batch. Return a new matrix.
 */
export function batchNormInference(
  x: number[][],
  gamma: number[],
  beta: number[],
  movingMean: number[],
  movingVar: number[],
  epsilon = 1e-3,
): number[][] {
  // TODO: normalise each column with its moving statistics, then scale by gamma and shift by beta.
  return x.map((row) => row.map((v, j) => v - movingMean[j]!));
}
