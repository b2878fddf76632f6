/**
 * One Adagrad step:
 *   accumulator′ = accumulator + g²
 *   w′           = w − lr·g / (√accumulator′ + epsilon)
 * element by element. Returns new arrays; the arguments are left unchanged.
 */
export function adagradStep(
  w: number[],
  g: number[],
  accumulator: number[],
  lr: number,
  epsilon: number,
): { w: number[]; accumulator: number[] } {
  const newAccumulator: number[] = [];
  const newW: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const acc = accumulator[i]! + gi * gi;
    newAccumulator.push(acc);
    newW.push(w[i]! - (lr * gi) / (Math.sqrt(acc) + epsilon));
  }
  return { w: newW, accumulator: newAccumulator };
}
