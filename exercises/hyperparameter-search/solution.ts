/** The generator of the catalogue's second wave, exactly as the contract writes it. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Choice {
  name: string;
  values: number[];
}
interface Range {
  name: string;
  min: number;
  max: number;
  scale: "linear" | "log";
}
type Parameter = Choice | Range;
type Config = Record<string, number>;

/** Every combination of the choices, the first parameter varying slowest (nested loops in the space's order). */
export function gridConfigurations(space: Choice[]): Config[] {
  let configs: Config[] = [{}];
  for (const parameter of space) {
    const next: Config[] = [];
    for (const config of configs) {
      for (const value of parameter.values) next.push({ ...config, [parameter.name]: value });
    }
    configs = next;
  }
  return configs;
}

/** One draw of r() for a parameter: a choice by index, a range linearly or in log₁₀ space. */
function sample(parameter: Parameter, u: number): number {
  if ("values" in parameter) return parameter.values[Math.floor(u * parameter.values.length)]!;
  const { min, max, scale } = parameter;
  if (scale === "log") return 10 ** (Math.log10(min) + u * (Math.log10(max) - Math.log10(min)));
  return min + u * (max - min);
}

/** n configurations from r = mulberry32(seed): configuration by configuration, parameter by parameter, one draw each. */
export function randomConfigurations(space: Parameter[], n: number, seed: number): Config[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be an integer ≥ 0");
  const r = mulberry32(seed);
  const configs: Config[] = [];
  for (let k = 0; k < n; k++) {
    const config: Config = {};
    for (const parameter of space) config[parameter.name] = sample(parameter, r());
    configs.push(config);
  }
  return configs;
}

/** The trial with the best score (the first on ties); NaN never wins, ±Infinity are ordinary numbers. */
export function bestTrial(trials: { config: Config; score: number }[], mode: "min" | "max"): { config: Config; score: number; index: number } {
  let best = -1;
  trials.forEach((trial, i) => {
    if (Number.isNaN(trial.score)) return;
    const incumbent = best === -1 ? undefined : trials[best]!.score;
    if (incumbent === undefined || (mode === "max" ? trial.score > incumbent : trial.score < incumbent)) best = i;
  });
  if (best === -1) throw new Error(trials.length === 0 ? "no trials" : "every score is NaN");
  const winner = trials[best]!;
  return { config: winner.config, score: winner.score, index: best };
}
