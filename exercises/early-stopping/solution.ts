/**
 * Keras' EarlyStopping in mode "min", epochs counted from 0. An epoch improves when its loss is below
 * best − minDelta (NaN never is); after `patience` epochs in a row without improvement training stops.
 */
export function earlyStopping(valLosses: number[], patience: number, minDelta = 0): { stoppedEpoch: number | null; bestEpoch: number } {
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let wait = 0;
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    const loss = valLosses[epoch] ?? Number.NaN;
    if (loss < best - minDelta) {
      best = loss;
      bestEpoch = epoch;
      wait = 0;
    } else {
      wait += 1;
      if (wait >= patience) return { stoppedEpoch: epoch, bestEpoch };
    }
  }
  return { stoppedEpoch: null, bestEpoch };
}
