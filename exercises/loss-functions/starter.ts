/** Mean squared error over every element of the batch. */
export function mse(yTrue: number[][], yPred: number[][]): number {
  // TODO
  return 0;
}

/** Binary cross-entropy, averaged over the samples; clip predictions to [1e-7, 1 − 1e-7] first. */
export function binaryCrossentropy(yTrue: number[], yPred: number[]): number {
  // TODO
  return 0;
}

/** Categorical cross-entropy (−Σ y log p per sample), averaged over the samples; clip as above. */
export function categoricalCrossentropy(yTrue: number[][], yPred: number[][]): number {
  // TODO
  return 0;
}
