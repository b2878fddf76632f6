/** What a student reads about the model they built: its layers, parameters, training loss and held-out accuracy. */
import { plural } from "../../format/plural";
import { heldOutAccuracy, modelsOf } from "./classifier-checks";
import { activationName, inputWidth } from "./rebuild";
import type { Dataset } from "./synthetic-data";
import type { LayerConfig, TrainedModel } from "./trained-model";

/** A readable summary of the first model a harness call trained; the page draws `loss` as a curve. */
export interface ModelSummary {
  kind: "model-summary";
  /** One line per layer, input first: "Dense: 16 units, relu". */
  layers: string[];
  parameters: number;
  /** The training loss after each epoch (null where it was not a number). */
  loss: Array<number | null>;
  /** Accuracy on validation data that never entered the sandbox, or null when it cannot be computed. */
  validationAccuracy: number | null;
  /** Why something is missing (the model could not be read or rebuilt), or null. */
  problem: string | null;
}

/** The summary of a model harness result; `validation` is the held-out set of the model's training run. */
export function summariseModel(raw: unknown, validation: Dataset): ModelSummary {
  const models = modelsOf(raw);
  if (typeof models === "string") return { kind: "model-summary", layers: [], parameters: 0, loss: [], validationAccuracy: null, problem: models };
  const model = models[0]!;
  const accuracy = model.compiled ? heldOutAccuracy(model, validation) : "the model is not compiled, so it was not trained";
  return {
    kind: "model-summary",
    layers: describeLayers(model),
    parameters: model.weights.reduce((sum, weight) => sum + weight.values.length, 0),
    loss: model.losses.map((value) => (typeof value === "number" && Number.isFinite(value) ? value : null)),
    validationAccuracy: typeof accuracy === "number" ? accuracy : null,
    problem: typeof accuracy === "string" ? accuracy : null,
  };
}

function describeLayers(model: TrainedModel): string[] {
  const layers = model.topology.config.layers;
  const width = inputWidth(layers);
  const lines = width === null ? [] : [`Input: ${plural(width, "feature")}`];
  for (const layer of layers) {
    const line = describeLayer(layer);
    if (line) lines.push(line);
  }
  return lines;
}

function describeLayer(layer: LayerConfig): string | null {
  const { config } = layer;
  switch (layer.class_name) {
    case "InputLayer":
      return null;
    case "Dense": {
      const units = typeof config.units === "number" ? plural(config.units, "unit") : "units unknown";
      return `Dense: ${units}, ${activationName(config.activation ?? "linear") ?? String(config.activation)}`;
    }
    case "Activation":
      return `Activation: ${activationName(config.activation) ?? String(config.activation)}`;
    case "Dropout":
      return `Dropout: rate ${String(config.rate)}`;
    default:
      return layer.class_name;
  }
}
