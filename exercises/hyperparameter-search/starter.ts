/** The course's seeded generator: copy it exactly (every seeded export draws from it). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Choice = { name: string; values: number[] };
export type Range = { name: string; min: number; max: number; scale: "linear" | "log" };
export type Config = Record<string, number>;

/** Every combination of the values, the first parameter varying slowest; the empty space gives [{}]. */
export function gridConfigurations(space: Choice[]): Config[] {
  // TODO: nested loops in the space's order. For now: only the first value of every parameter.
  const config: Config = {};
  for (const p of space) config[p.name] = p.values[0]!;
  return [config];
}

/**
 * n configurations drawn with r = mulberry32(seed), configuration by configuration and parameter by parameter,
 * one draw each: a choice takes values[⌊r()·values.length⌋], a linear range min + r()·(max − min),
 * a log range 10^(log₁₀ min + r()·(log₁₀ max − log₁₀ min)). Throws a RangeError unless n is an integer ≥ 0.
 */
export function randomConfigurations(space: (Choice | Range)[], n: number, seed: number): Config[] {
  const r = mulberry32(seed);
  // TODO
  return [];
}

/** The best trial (the first on ties); NaN is never best; throws when there is no trial with a number score. */
export function bestTrial(trials: { config: Config; score: number }[], mode: "min" | "max"): { config: Config; score: number; index: number } {
  // TODO: for now the first trial, whatever its score.
  const first = trials[0]!;
  return { config: first.config, score: first.score, index: 0 };
}
