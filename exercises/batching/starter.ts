/**
 * Number of batches (training steps) needed to see every sample once.
 * Throw a RangeError unless numSamples ≥ 0 and batchSize ≥ 1 are integers.
 */
export function stepsPerEpoch(numSamples: number, batchSize: number): number {
  // TODO: how many batches of batchSize cover numSamples samples?
  return 0;
}

/** The size of each batch, in order; the last one may be smaller. */
export function batchSizes(numSamples: number, batchSize: number): number[] {
  // TODO
  return [];
}
