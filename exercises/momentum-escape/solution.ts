/** f′(w) for f(w) = w⁴ − 4w² + w. */
function gradient(w: number): number {
  return 4 * w * w * w - 8 * w + 1;
}

/**
 * Keras' momentum rule on f(w) = w⁴ − 4w² + w, from velocity 0:
 *   v′ = momentum·v − lr·f′(w)
 *   w′ = w + v′
 * Returns [w0, w1, …, w_steps]: the start and the weight after every step.
 */
export function momentumTrajectory(w0: number, lr: number, momentum: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be an integer ≥ 0, got ${steps}`);
  const trajectory = [w0];
  let w = w0;
  let v = 0;
  for (let k = 0; k < steps; k++) {
    v = momentum * v - lr * gradient(w);
    w = w + v;
    trajectory.push(w);
  }
  return trajectory;
}
