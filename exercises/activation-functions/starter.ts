import * as tf from "@tensorflow/tfjs";

// Each function works element-wise on an array and returns a new array of the same length.
// Results must be finite for |x| up to 1000. Plain Math or tfjs both work.

/** σ(x) = 1 / (1 + e^(−x)) */
export function sigmoid(x: number[]): number[] {
  // TODO
  return x.map(() => 0.5);
}

/** tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)) — but beware of overflow */
export function tanh(x: number[]): number[] {
  // TODO
  return x.map(() => 0);
}

/** max(0, x) */
export function relu(x: number[]): number[] {
  // TODO
  return x.map((v) => v);
}

/** x for x ≥ 0, alpha·x for x < 0 */
export function leakyRelu(x: number[], alpha: number): number[] {
  // TODO
  return x.map((v) => v);
}
