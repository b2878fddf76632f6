/**
 * Batch normalization in training mode, per feature (column of x). Return the normalized batch y, and the
 * batch mean and (biased) batch variance of each feature.
 */
export function batchNormTrain(
  x: number[][],
  gamma: number[],
  beta: number[],
  epsilon = 1e-3,
): { y: number[][]; mean: number[]; variance: number[] } {
  // TODO: mean and variance of each column, then y = gamma · (x − mean) / √(variance + epsilon) + beta.
  const mean = gamma.map(() => 0);
  const variance = gamma.map(() => 1);
  return { y: x.map((row) => row.slice()), mean, variance };
}

/** Moving averages of the batch statistics, as Keras keeps them for inference. */
export function updateMovingStats(
  movingMean: number[],
  movingVar: number[],
  mean: number[],
  variance: number[],
  momentum = 0.99,
): { movingMean: number[]; movingVar: number[] } {
  // TODO
  return { movingMean: mean.slice(), movingVar: variance.slice() };
}
