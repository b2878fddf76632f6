/** p = step / decaySteps, rounded down to a whole number of periods when staircase is true. */
function progress(step: number, decaySteps: number, staircase: boolean): number {
  const p = step / decaySteps;
  return staircase ? Math.floor(p) : p;
}

/** Keras InverseTimeDecay: initialLr / (1 + decayRate · p). */
export function inverseTimeDecay(initialLr: number, step: number, decaySteps: number, decayRate: number, staircase = false): number {
  return initialLr / (1 + decayRate * progress(step, decaySteps, staircase));
}

/** Keras ExponentialDecay: initialLr · decayRate^p. */
export function exponentialDecay(initialLr: number, step: number, decaySteps: number, decayRate: number, staircase = false): number {
  return initialLr * Math.pow(decayRate, progress(step, decaySteps, staircase));
}

/** Keras PiecewiseConstantDecay: values[i] while boundaries[i−1] < step ≤ boundaries[i]. */
export function piecewiseConstant(step: number, boundaries: number[], values: number[]): number {
  if (values.length !== boundaries.length + 1) throw new Error("values must have exactly one more entry than boundaries");
  for (let i = 0; i < boundaries.length; i++) {
    if (step <= (boundaries[i] ?? Number.NaN)) return values[i] ?? Number.NaN;
  }
  return values[boundaries.length] ?? Number.NaN;
}
