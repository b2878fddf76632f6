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
