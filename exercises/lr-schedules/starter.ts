/** Keras InverseTimeDecay: initialLr / (1 + decayRate · p) with p = step / decaySteps (⌊p⌋ when staircase). */
export function inverseTimeDecay(initialLr: number, step: number, decaySteps: number, decayRate: number, staircase = false): number {
  // TODO
  return initialLr;
}

/** Keras ExponentialDecay: initialLr · decayRate^p with p = step / decaySteps (⌊p⌋ when staircase). */
export function exponentialDecay(initialLr: number, step: number, decaySteps: number, decayRate: number, staircase = false): number {
  // TODO
  return initialLr;
}

/**
 * Keras PiecewiseConstantDecay: values[0] while step ≤ boundaries[0], values[i] while
 * boundaries[i−1] < step ≤ boundaries[i], the last value after the last boundary.
 * Throw an Error unless values.length === boundaries.length + 1.
 */
export function piecewiseConstant(step: number, boundaries: number[], values: number[]): number {
  // TODO
  return values[0] ?? 0;
}
