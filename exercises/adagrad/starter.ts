/**
 * One Adagrad step, element by element:
 *   accumulator′ = accumulator + g²
 *   w′           = w − lr·g / (√accumulator′ + epsilon)
 * Return new arrays: do not modify w, g or accumulator.
 */
export function adagradStep(
  w: number[],
  g: number[],
  accumulator: number[],
  lr: number,
  epsilon: number,
): { w: number[]; accumulator: number[] } {
  // TODO: add g² to the accumulator, then scale each gradient by 1 / (√accumulator′ + epsilon).
  // For now this is plain gradient descent, and the accumulator never changes.
  return { w: w.map((wi, i) => wi - lr * g[i]!), accumulator: [...accumulator] };
}
