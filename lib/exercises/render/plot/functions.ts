/** The named functions a ```plot block can draw: the course's activations, their derivatives and LR schedules. */
import { z } from "zod";

type Fn = (x: number) => number;

export type ResolvedFunction = { ok: true; fn: Fn; label: string } | { ok: false; error: string };

interface PlotFunctionDef<S extends z.ZodType> {
  params: S;
  make(params: z.infer<S>): Fn;
  label(params: z.infer<S>): string;
}

type PlotFunction = (name: string, params: Record<string, unknown>) => ResolvedFunction;

/** Binds a definition to its parameter schema, so the registry holds one uniform type without casts. */
function define<S extends z.ZodType>(def: PlotFunctionDef<S>): PlotFunction {
  return (name, params) => {
    const parsed = def.params.safeParse(params);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(params)"}: ${i.message}`).join("; ");
      return { ok: false, error: `"${name}" parameters: ${detail}` };
    }
    return { ok: true, fn: def.make(parsed.data), label: def.label(parsed.data) };
  };
}

const NoParams = z.strictObject({});
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const Alpha = z.strictObject({ alpha: z.number().min(0).default(0.3) });
const Decay = z.strictObject({
  initialLr: z.number().positive(),
  decaySteps: z.number().positive(),
  decayRate: z.number().min(0),
  staircase: z.boolean().default(false),
});
const Piecewise = z
  .strictObject({ boundaries: z.array(z.number()).min(1), values: z.array(z.number()).min(2) })
  .refine((p) => p.values.length === p.boundaries.length + 1, { message: "values must have one more entry than boundaries", path: ["values"] });

function progress(step: number, p: z.infer<typeof Decay>): number {
  const ratio = step / p.decaySteps;
  return p.staircase ? Math.floor(ratio) : ratio;
}

const REGISTRY: Record<string, PlotFunction> = {
  sigmoid: define({ params: NoParams, make: () => sigmoid, label: () => "σ(x)" }),
  sigmoidGrad: define({ params: NoParams, make: () => (x) => sigmoid(x) * (1 - sigmoid(x)), label: () => "σ′(x)" }),
  tanh: define({ params: NoParams, make: () => Math.tanh, label: () => "tanh(x)" }),
  tanhGrad: define({ params: NoParams, make: () => (x) => 1 - Math.tanh(x) ** 2, label: () => "tanh′(x)" }),
  relu: define({ params: NoParams, make: () => (x) => Math.max(0, x), label: () => "ReLU(x)" }),
  // Frameworks use 0 for ReLU's derivative at 0, where it is undefined.
  reluGrad: define({ params: NoParams, make: () => (x) => (x > 0 ? 1 : 0), label: () => "ReLU′(x)" }),
  leakyRelu: define({ params: Alpha, make: (p) => (x) => (x < 0 ? p.alpha * x : x), label: (p) => `leaky ReLU (α = ${p.alpha})` }),
  leakyReluGrad: define({ params: Alpha, make: (p) => (x) => (x > 0 ? 1 : p.alpha), label: (p) => `leaky ReLU′ (α = ${p.alpha})` }),
  linear: define({ params: NoParams, make: () => (x) => x, label: () => "x" }),
  exponentialDecay: define({
    params: Decay,
    make: (p) => (step) => p.initialLr * p.decayRate ** progress(step, p),
    label: (p) => `exponential decay${p.staircase ? " (staircase)" : ""}`,
  }),
  inverseTimeDecay: define({
    params: Decay,
    make: (p) => (step) => p.initialLr / (1 + p.decayRate * progress(step, p)),
    label: (p) => `inverse time decay${p.staircase ? " (staircase)" : ""}`,
  }),
  piecewiseConstant: define({
    params: Piecewise,
    make: (p) => (step) => {
      const i = p.boundaries.findIndex((b) => step <= b);
      return (i === -1 ? p.values.at(-1) : p.values[i]) ?? Number.NaN;
    },
    label: () => "piecewise constant",
  }),
};

/** The names a plot block may use under `functions`. */
export const PLOT_FUNCTION_NAMES: readonly string[] = Object.keys(REGISTRY);

/** Looks up `name` and parses its parameters; errors say which parameter is wrong. */
export function resolvePlotFunction(name: string, params: Record<string, unknown>): ResolvedFunction {
  const resolve = Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined;
  if (!resolve) return { ok: false, error: `unknown function "${name}" (known: ${PLOT_FUNCTION_NAMES.join(", ")})` };
  return resolve(name, params);
}
