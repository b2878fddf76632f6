/** Helpers for exercise files whose hidden tests follow an optimizer over several steps. */
import * as tf from "@tensorflow/tfjs";

/** n deterministic gradient-like values in [−scale, scale], three decimals, different for each seed. */
export function wave(n: number, seed: number, scale = 1): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(Math.sin(i * 2.1 + seed * 1.3 + 0.4) * scale * 1000) / 1000);
}

/** Steps of two trajectories taken in turn: a state kept between calls cannot follow both. */
export function interleave<T>(a: T[], b: T[]): T[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter((t): t is T => t !== undefined);
}

/** Runs `fn` with the host's tfjs on its cpu backend, without the "install tfjs-node" banner. */
export async function withHostTfjs<T>(fn: () => Promise<T>): Promise<T> {
  const env = tf.env();
  const wasTest = env.getBool("IS_TEST");
  env.set("IS_TEST", true);
  try {
    await tf.setBackend("cpu");
    return await fn();
  } finally {
    env.set("IS_TEST", wasTest);
  }
}

export interface HostStep {
  w: number[];
  /** The optimizer's slot variables after the step, by the end of their name ("accumulator", "m", …). */
  slots: Record<string, number[]>;
}

/**
 * Applies `grads` one step at a time to a weight vector w0 with an optimizer of the host's own tfjs,
 * and reads w and the named slot variables after every step: the independent reference of
 * optimizer trajectories.
 */
export async function hostOptimizerSteps(w0: number[], grads: number[][], makeOptimizer: () => tf.Optimizer, slotNames: string[]): Promise<HostStep[]> {
  return withHostTfjs(async () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d(w0)));
    const optimizer = makeOptimizer();
    const steps: HostStep[] = [];
    try {
      for (const g of grads) {
        const gradient = tf.tensor1d(g);
        optimizer.applyGradients([{ name: w.name, tensor: gradient }]);
        gradient.dispose();
        const weights = await optimizer.getWeights();
        const slots: Record<string, number[]> = {};
        for (const slot of slotNames) {
          const found = weights.find((x) => x.name.endsWith(`/${slot}`));
          if (!found) throw new Error(`${optimizer.getClassName()} exposes no "${slot}" variable`);
          slots[slot] = Array.from(found.tensor.dataSync());
        }
        steps.push({ w: Array.from(w.dataSync()), slots });
        weights[0]?.tensor.dispose(); // the iteration count, a fresh scalar
      }
    } finally {
      optimizer.dispose();
      w.dispose();
    }
    return steps;
  });
}
