/**
 * One RMSProp step:
 *   meanSquare′ = rho·meanSquare + (1 − rho)·g²
 *   w′          = w − lr·g / (√meanSquare′ + epsilon)
 * element by element. Returns new arrays; the arguments are left unchanged.
 */
export function rmspropStep(
  w: number[],
  g: number[],
  meanSquare: number[],
  lr: number,
  rho: number,
  epsilon: number,
): { w: number[]; meanSquare: number[] } {
  const newMeanSquare: number[] = [];
  const newW: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const s = rho * meanSquare[i]! + (1 - rho) * gi * gi;
    newMeanSquare.push(s);
    newW.push(w[i]! - (lr * gi) / (Math.sqrt(s) + epsilon));
  }
  return { w: newW, meanSquare: newMeanSquare };
}
