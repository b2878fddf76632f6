/**
 * One step of SGD with momentum, Keras' rule:
 *   velocity′ = momentum·velocity − lr·g
 *   w′        = w + velocity′
 * Returns new arrays; the arguments are left unchanged.
 */
export function momentumStep(
  w: number[],
  g: number[],
  velocity: number[],
  lr: number,
  momentum: number,
): { w: number[]; velocity: number[] } {
  const newVelocity: number[] = [];
  const newW: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const v = momentum * velocity[i]! - lr * g[i]!;
    newVelocity.push(v);
    newW.push(w[i]! + v);
  }
  return { w: newW, velocity: newVelocity };
}
