/**
 * Batch normalization in training mode, per feature (column): the batch mean, the biased batch variance
 * (divide by n), and y = gamma · (x − mean) / √(variance + epsilon) + beta.
 */
export function batchNormTrain(
  x: number[][],
  gamma: number[],
  beta: number[],
  epsilon = 1e-3,
): { y: number[][]; mean: number[]; variance: number[] } {
  const n = x.length;
  const features = gamma.length;
  const mean: number[] = [];
  const variance: number[] = [];
  for (let j = 0; j < features; j++) {
    let sum = 0;
    for (const row of x) sum += row[j] ?? Number.NaN;
    const m = sum / n;
    let squares = 0;
    for (const row of x) {
      const d = (row[j] ?? Number.NaN) - m;
      squares += d * d;
    }
    mean.push(m);
    variance.push(squares / n);
  }
  const y = x.map((row) =>
    row.map((v, j) => (gamma[j] ?? Number.NaN) * ((v - (mean[j] ?? 0)) / Math.sqrt((variance[j] ?? 0) + epsilon)) + (beta[j] ?? Number.NaN)),
  );
  return { y, mean, variance };
}

/** Keras' moving averages: moving · momentum + batch · (1 − momentum), element-wise. */
export function updateMovingStats(
  movingMean: number[],
  movingVar: number[],
  mean: number[],
  variance: number[],
  momentum = 0.99,
): { movingMean: number[]; movingVar: number[] } {
  return {
    movingMean: movingMean.map((m, j) => m * momentum + (mean[j] ?? Number.NaN) * (1 - momentum)),
    movingVar: movingVar.map((v, j) => v * momentum + (variance[j] ?? Number.NaN) * (1 - momentum)),
  };
}
