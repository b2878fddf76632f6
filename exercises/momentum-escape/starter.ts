/** f′(w) for the loss f(w) = w⁴ − 4w² + w. */
function gradient(w: number): number {
  return 4 * w * w * w - 8 * w + 1;
}

/**
 * Keras' momentum rule on f(w) = w⁴ − 4w² + w, starting with velocity v = 0:
 *   v′ = momentum·v − lr·f′(w)
 *   w′ = w + v′
 * Return [w0, w1, …, w_steps]: steps + 1 values. Throw a RangeError unless steps is an integer ≥ 0.
 */
export function momentumTrajectory(w0: number, lr: number, momentum: number, steps: number): number[] {
  // TODO: keep a velocity, check steps, and use momentum. For now this is plain gradient descent.
  const trajectory = [w0];
  let w = w0;
  for (let k = 0; k < steps; k++) {
    w = w - lr * gradient(w);
    trajectory.push(w);
  }
  return trajectory;
}
