export interface AdamState {
  m: number[];
  v: number[];
  t: number;
}
export interface AdamHyperparameters {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One Adam step:
 *   t′ = t + 1
 *   m′ = β1·m + (1 − β1)·g          v′ = β2·v + (1 − β2)·g²
 *   m̂ = m′ / (1 − β1^t′)            v̂ = v′ / (1 − β2^t′)
 *   w′ = w − lr·m̂ / (√v̂ + ε)
 * Return new arrays and a new state object: do not modify w, g, state or hp.
 */
export function adamStep(
  w: number[],
  g: number[],
  state: AdamState,
  hp: AdamHyperparameters,
): { w: number[]; state: AdamState } {
  // TODO: update t, m and v, correct the bias of m and v, then take the step.
  // For now this is plain gradient descent, and the state never changes.
  return { w: w.map((wi, i) => wi - hp.lr * g[i]!), state: { m: [...state.m], v: [...state.v], t: state.t } };
}
