/**
 * One RMSProp step, element by element:
 *   meanSquare′ = rho·meanSquare + (1 − rho)·g²
 *   w′          = w − lr·g / (√meanSquare′ + epsilon)
 * Return new arrays: do not modify w, g or meanSquare.
 */
export function rmspropStep(
  w: number[],
  g: number[],
  meanSquare: number[],
  lr: number,
  rho: number,
  epsilon: number,
): { w: number[]; meanSquare: number[] } {
  // TODO: update the moving average of g², then scale each gradient by 1 / (√meanSquare′ + epsilon).
  // For now this is plain gradient descent, and the moving average never changes.
  return { w: w.map((wi, i) => wi - lr * g[i]!), meanSquare: [...meanSquare] };
}
