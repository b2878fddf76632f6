/**
 * One step of SGD with momentum (Keras' rule).
 *   velocity′ = momentum·velocity − lr·g
 *   w′        = w + velocity′
 * Return new arrays: do not modify w, g or velocity.
 */
export function momentumStep(
  w: number[],
  g: number[],
  velocity: number[],
  lr: number,
  momentum: number,
): { w: number[]; velocity: number[] } {
  // TODO: compute the new velocity first, then move the weights by it.
  // For now this is plain gradient descent, and the velocity never changes.
  return { w: w.map((wi, i) => wi - lr * g[i]!), velocity: [...velocity] };
}
