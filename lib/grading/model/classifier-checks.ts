/** Host-side checks of a trained classifier: the structure the catalogue asks for, and held-out accuracy. */
import { plural } from "../../format/plural";
import { activationName, inputWidth, NON_LINEAR, rebuildModel } from "./rebuild";
import type { Dataset } from "./synthetic-data";
import { parseHarnessOutput, type LayerConfig, type TrainedModel } from "./trained-model";

type Verdict = true | string;

/** The trained models in a harness result, or the reason there are none. */
export function modelsOf(raw: unknown): TrainedModel[] | string {
  const output = parseHarnessOutput(raw);
  return "error" in output ? output.error : output.models;
}

const CATEGORICAL = new Set(["categoricalCrossentropy", "categorical_crossentropy", "CategoricalCrossentropy"]);

/** compiled, and with categorical cross-entropy (the loss for one-hot labels). */
export function checkCompiledForOneHot(model: TrainedModel): Verdict {
  if (!model.compiled) return "the model is not compiled: call model.compile({ optimizer, loss }) before returning it";
  if (!model.loss || !CATEGORICAL.has(model.loss)) {
    return `the loss is ${model.loss ?? "unknown"}; one-hot labels over several classes need categorical cross-entropy`;
  }
  return true;
}

interface Stage {
  layer: LayerConfig;
  /** The activation applied right after this Dense layer, by the layer itself or by the next Activation layer. */
  activation: string | null;
}

function denseStages(layers: LayerConfig[]): Stage[] {
  const stages: Stage[] = [];
  for (const layer of layers) {
    if (layer.class_name === "Dense") {
      stages.push({ layer, activation: activationName(layer.config.activation ?? "linear") });
    } else if ((layer.class_name === "Activation" || layer.class_name === "LeakyReLU") && stages.length > 0) {
      const last = stages[stages.length - 1]!;
      const applied = layer.class_name === "LeakyReLU" ? "leakyRelu" : activationName(layer.config.activation);
      if (last.activation === "linear" || last.activation === null) last.activation = applied;
    }
  }
  return stages;
}

/** At least one hidden Dense layer, followed by a non-linear activation. */
export function checkHiddenLayer(model: TrainedModel): Verdict {
  const stages = denseStages(model.topology.config.layers);
  const hidden = stages.slice(0, -1);
  if (hidden.length === 0) return "there is no hidden layer: add at least one Dense layer before the output layer";
  if (!hidden.some((stage) => NON_LINEAR(stage.activation))) {
    return "the hidden layers are linear: without a non-linear activation (relu, for example) they add nothing a single layer could not do";
  }
  return true;
}

/** The last Dense layer has numClasses units and softmax is applied to it. */
export function checkOutputLayer(model: TrainedModel, numClasses: number): Verdict {
  const stages = denseStages(model.topology.config.layers);
  const output = stages[stages.length - 1];
  if (!output) return "the model has no Dense layer";
  const units = output.layer.config.units;
  if (units !== numClasses) return `the output layer has ${typeof units === "number" ? plural(units, "unit") : `${String(units)} units`}; it needs one per class (numClasses)`;
  if (output.activation !== "softmax") {
    return `the output activation is ${output.activation ?? "unknown"}; one class out of several needs softmax`;
  }
  return true;
}

/** The model takes inputDim features. */
export function checkInputWidth(model: TrainedModel, inputDim: number): Verdict {
  const width = inputWidth(model.topology.config.layers);
  if (width === inputDim) return true;
  const takes = width === null ? "an unknown number of features" : plural(width, "feature");
  return `the model takes ${takes}; it must take inputDim of them (set inputShape: [inputDim])`;
}

/** Accuracy of a trained model on data it never saw, computed on the host. */
export function heldOutAccuracy(model: TrainedModel, validation: Dataset): number | string {
  const rebuilt = rebuildModel(model);
  if (typeof rebuilt === "string") return rebuilt;
  const predictions = rebuilt.predict(validation.x);
  let correct = 0;
  predictions.forEach((row, i) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if ((row[k] ?? -Infinity) > (row[best] ?? -Infinity)) best = k;
    if (best === validation.y[i]) correct++;
  });
  return correct / validation.y.length;
}

/** The median of the held-out accuracies of several training runs (training is random). */
export function medianAccuracy(models: TrainedModel[], validations: Dataset[]): number | string {
  const scores: number[] = [];
  for (const [i, model] of models.entries()) {
    const validation = validations[i];
    if (!validation) return "the harness returned more models than training runs";
    const accuracy = heldOutAccuracy(model, validation);
    if (typeof accuracy === "string") return accuracy;
    scores.push(accuracy);
  }
  scores.sort((a, b) => a - b);
  return scores[Math.floor(scores.length / 2)] ?? 0;
}
