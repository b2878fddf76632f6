/**
 * Batch normalization at inference, per feature (column j):
 *   y = gamma[j] · (x − movingMean[j]) / √(movingVar[j] + epsilon) + beta[j]
 * using the moving statistics learnt in training, never the batch's own. Returns a new matrix.
 */
export function batchNormInference(
  x: number[][],
  gamma: number[],
  beta: number[],
  movingMean: number[],
  movingVar: number[],
  epsilon = 1e-3,
): number[][] {
  return x.map((row) =>
    row.map((v, j) => ((gamma[j] ?? Number.NaN) * (v - (movingMean[j] ?? Number.NaN))) / Math.sqrt((movingVar[j] ?? Number.NaN) + epsilon) + (beta[j] ?? Number.NaN)),
  );
}
