import * as tf from "@tensorflow/tfjs";

/**
 * Row-wise softmax: each row of `logits` becomes a probability distribution.
 * You may use plain loops or tfjs (but implement softmax yourself rather than calling tf.softmax).
 */
export function softmax(logits: number[][]): number[][] {
  // TODO: exponentiate each logit and divide by the sum of its row.
  return logits.map((row) => row.map(() => 1 / row.length));
}
