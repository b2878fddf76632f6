/** Keras clips predictions to [EPSILON, 1 − EPSILON] before taking logarithms. */
const EPSILON = 1e-7;
const clip = (p: number): number => Math.min(Math.max(p, EPSILON), 1 - EPSILON);

/** Mean squared error over every element of the batch. */
export function mse(yTrue: number[][], yPred: number[][]): number {
  let sum = 0;
  let count = 0;
  yTrue.forEach((row, i) =>
    row.forEach((t, j) => {
      const d = (yPred[i]?.[j] ?? Number.NaN) - t;
      sum += d * d;
      count += 1;
    }),
  );
  return sum / count;
}

/** Binary cross-entropy, averaged over the samples. */
export function binaryCrossentropy(yTrue: number[], yPred: number[]): number {
  let sum = 0;
  yTrue.forEach((y, i) => {
    const p = clip(yPred[i] ?? Number.NaN);
    sum += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
  });
  return sum / yTrue.length;
}

/** Categorical cross-entropy: −Σ_k y_k log p_k per sample, averaged over the samples. */
export function categoricalCrossentropy(yTrue: number[][], yPred: number[][]): number {
  let sum = 0;
  yTrue.forEach((row, i) =>
    row.forEach((y, k) => {
      sum -= y * Math.log(clip(yPred[i]?.[k] ?? Number.NaN));
    }),
  );
  return sum / yTrue.length;
}
