/**
 * Rebuilds a copied-out model on the host, with the host's own tfjs, as a chain of layers. Only the
 * configuration and weights crossed the sandbox boundary; nothing the student's code did can run here.
 */
import * as tf from "@tensorflow/tfjs";
import type { LayerConfig, TrainedModel } from "./trained-model";

type Step = (x: tf.Tensor) => tf.Tensor;

const ACTIVATIONS: Record<string, Step> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  elu: (x) => tf.elu(x),
  selu: (x) => tf.selu(x),
  sigmoid: (x) => tf.sigmoid(x),
  hardSigmoid: (x) => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1),
  tanh: (x) => tf.tanh(x),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.div(x, tf.add(tf.abs(x), 1)),
  softmax: (x) => tf.softmax(x),
  swish: (x) => tf.mul(x, tf.sigmoid(x)),
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  gelu: (x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))),
};

/** Keras spells activations in snake case in configs ("hard_sigmoid"); tfjs in camel case. */
export function activationName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const camel = value.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return camel in ACTIVATIONS ? camel : null;
}

export const NON_LINEAR = (name: string | null) => name !== null && name !== "linear";

export interface RebuiltModel {
  predict(x: number[][]): number[][];
}

/** The model as a host-side function, or a message naming what cannot be rebuilt. */
export function rebuildModel(model: TrainedModel): RebuiltModel | string {
  const steps: Step[] = [];
  const weights = [...model.weights];
  const take = (shape: number[]): tf.Tensor | string => {
    const next = weights.shift();
    if (!next) return "the model has fewer weights than its layers need";
    const size = next.shape.reduce((a, b) => a * b, 1);
    if (next.shape.join("x") !== shape.join("x") || next.values.length !== size) return "a weight has the wrong shape for its layer";
    return tf.tensor(next.values, next.shape);
  };
  let width: number | null = inputWidth(model.topology.config.layers);
  for (const layer of model.topology.config.layers) {
    const step = layerStep(layer, width, take);
    if (typeof step === "string") return step;
    if (step) {
      steps.push(step.run);
      width = step.width;
    }
  }
  if (weights.length > 0) return "the model has more weights than its layers use";
  return {
    predict: (x) =>
      tf.tidy(() => {
        let out: tf.Tensor = tf.tensor2d(x);
        for (const step of steps) out = step(out);
        return out.arraySync() as number[][];
      }),
  };
}

/** The width of the model's input, from its first layer's batch input shape. */
export function inputWidth(layers: LayerConfig[]): number | null {
  for (const layer of layers) {
    const shape = layer.config.batch_input_shape ?? layer.config.batchInputShape;
    if (Array.isArray(shape) && typeof shape[1] === "number") return shape[1];
  }
  return null;
}

function layerStep(
  layer: LayerConfig,
  width: number | null,
  take: (shape: number[]) => tf.Tensor | string,
): { run: Step; width: number | null } | null | string {
  switch (layer.class_name) {
    case "InputLayer":
    case "Dropout":
    case "Flatten":
      return null;
    case "Activation": {
      const name = activationName(layer.config.activation);
      return name ? { run: ACTIVATIONS[name]!, width } : `the activation "${String(layer.config.activation)}" is not supported by the grader`;
    }
    case "LeakyReLU": {
      const alpha = typeof layer.config.alpha === "number" ? layer.config.alpha : 0.3;
      return { run: (x) => tf.leakyRelu(x, alpha), width };
    }
    case "Dense": {
      const units = layer.config.units;
      if (typeof units !== "number" || width === null) return "a Dense layer's input width is unknown";
      const kernel = take([width, units]);
      if (typeof kernel === "string") return kernel;
      const useBias = layer.config.use_bias !== false;
      const bias = useBias ? take([units]) : null;
      if (typeof bias === "string") return bias;
      const name = activationName(layer.config.activation ?? "linear");
      if (!name) return `the activation "${String(layer.config.activation)}" is not supported by the grader`;
      const activation = ACTIVATIONS[name]!;
      return {
        run: (x) => {
          const linear = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
          return activation(bias ? tf.add(linear, bias) : linear);
        },
        width: units,
      };
    }
    default:
      return `layers of type ${layer.class_name} are not supported by the grader (use Dense, Activation, Dropout)`;
  }
}
