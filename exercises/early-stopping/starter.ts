/**
 * Replays Keras' EarlyStopping (mode "min", epochs counted from 0) over a list of validation losses.
 * stoppedEpoch: the epoch at which training stops, or null if it never does.
 * bestEpoch: the last epoch that counted as an improvement.
 */
export function earlyStopping(valLosses: number[], patience: number, minDelta = 0): { stoppedEpoch: number | null; bestEpoch: number } {
  // TODO: keep the best loss so far and a counter of epochs without improvement.
  let bestEpoch = 0;
  for (let epoch = 1; epoch < valLosses.length; epoch++) {
    if (valLosses[epoch]! < valLosses[bestEpoch]!) bestEpoch = epoch;
  }
  return { stoppedEpoch: null, bestEpoch };
}
