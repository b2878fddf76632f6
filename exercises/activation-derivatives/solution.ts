/** σ(x) computed without overflow: every exponent is ≤ 0. */
function sigmoid1(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)·(1 − σ(x)); at most 0.25, at x = 0. */
export function sigmoidGrad(x: number[]): number[] {
  return x.map((v) => {
    const s = sigmoid1(v);
    return s * (1 - s);
  });
}

/** tanh'(x) = 1 − tanh²(x). */
export function tanhGrad(x: number[]): number[] {
  return x.map((v) => {
    const t = Math.tanh(v);
    return 1 - t * t;
  });
}

/** 1 for x > 0, else 0 (at x = 0 the derivative is undefined; frameworks use 0). */
export function reluGrad(x: number[]): number[] {
  return x.map((v) => (v > 0 ? 1 : 0));
}

/** 1 for x > 0, else alpha (alpha at x = 0 too). */
export function leakyReluGrad(x: number[], alpha: number): number[] {
  return x.map((v) => (v > 0 ? 1 : alpha));
}
