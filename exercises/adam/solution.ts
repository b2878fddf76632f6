interface AdamState {
  m: number[];
  v: number[];
  t: number;
}
interface AdamHyperparameters {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One Adam step (Kingma & Ba, Algorithm 1):
 *   t′ = t + 1
 *   m′ = β1·m + (1 − β1)·g          v′ = β2·v + (1 − β2)·g²
 *   m̂ = m′ / (1 − β1^t′)            v̂ = v′ / (1 − β2^t′)
 *   w′ = w − lr·m̂ / (√v̂ + ε)
 * Returns new arrays and a new state object; the arguments are left unchanged.
 */
export function adamStep(
  w: number[],
  g: number[],
  state: AdamState,
  hp: AdamHyperparameters,
): { w: number[]; state: AdamState } {
  const { lr, beta1, beta2, epsilon } = hp;
  const t = state.t + 1;
  const correction1 = 1 - Math.pow(beta1, t);
  const correction2 = 1 - Math.pow(beta2, t);
  const m: number[] = [];
  const v: number[] = [];
  const newW: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * state.m[i]! + (1 - beta1) * gi;
    const vi = beta2 * state.v[i]! + (1 - beta2) * gi * gi;
    m.push(mi);
    v.push(vi);
    const mHat = mi / correction1;
    const vHat = vi / correction2;
    newW.push(w[i]! - (lr * mHat) / (Math.sqrt(vHat) + epsilon));
  }
  return { w: newW, state: { m, v, t } };
}
