/** σ(x) = 1 / (1 + e^(−x)), written so that exp never overflows: for x < 0 use e^x / (1 + e^x). */
function sigmoid1(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function sigmoid(x: number[]): number[] {
  return x.map(sigmoid1);
}

/** Math.tanh is exact and finite everywhere (it saturates at ±1). */
export function tanh(x: number[]): number[] {
  return x.map((v) => Math.tanh(v));
}

export function relu(x: number[]): number[] {
  return x.map((v) => (v > 0 ? v : 0));
}

/** x for x ≥ 0, alpha·x for x < 0 (for any alpha ≥ 0, also alpha > 1). */
export function leakyRelu(x: number[], alpha: number): number[] {
  return x.map((v) => (v >= 0 ? v : alpha * v));
}
