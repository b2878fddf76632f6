import * as tf from "@tensorflow/tfjs";

// Derivatives of the activation functions, element-wise over an array; each returns a new array of
// the same length. Results must be finite for |x| up to 1000. Plain Math or tfjs both work.

/** σ'(x) = σ(x)·(1 − σ(x)) */
export function sigmoidGrad(x: number[]): number[] {
  // TODO
  return x.map(() => 0.25);
}

/** tanh'(x) = 1 − tanh²(x) */
export function tanhGrad(x: number[]): number[] {
  // TODO
  return x.map(() => 1);
}

/** 1 for x > 0, else 0 */
export function reluGrad(x: number[]): number[] {
  // TODO
  return x.map(() => 1);
}

/** 1 for x > 0, else alpha */
export function leakyReluGrad(x: number[], alpha: number): number[] {
  // TODO
  return x.map(() => 1);
}
