/**
 * The model harness: source appended to a model exercise's student module (and to its reference
 * solution). It calls the student's builder, trains each model on the training data the host passes
 * in, and returns only plain data: the topology, compile facts, the training loss of each epoch and the
 * weights, as one JSON string.
 * The host trusts none of it: it validates the shape, rebuilds the model and scores it itself.
 */
export function modelHarnessSource(builderExport: string): string {
  return `
import * as __tgTf from "@tensorflow/tfjs";
export async function __tensorgradeTrain(inputDim, numClasses, datasets, epochs, batchSize) {
  const build = module.exports[${JSON.stringify(builderExport)}];
  if (typeof build !== "function") return JSON.stringify({ error: "${builderExport} is not exported as a function" });
  const models = [];
  for (const data of datasets) {
    const model = await build(inputDim, numClasses);
    if (!model || typeof model.toJSON !== "function" || typeof model.getWeights !== "function") {
      return JSON.stringify({ error: "${builderExport} must return a tf.LayersModel (tf.sequential() or tf.model())" });
    }
    const compiled = model.optimizer != null;
    let losses = [];
    if (compiled && epochs > 0) {
      const xs = __tgTf.tensor2d(data.x);
      const ys = __tgTf.oneHot(__tgTf.tensor1d(data.y, "int32"), numClasses).toFloat();
      const history = await model.fit(xs, ys, { epochs, batchSize, shuffle: true, verbose: 0 });
      losses = Array.from(history.history.loss || [], Number);
      xs.dispose();
      ys.dispose();
    }
    const loss = typeof model.loss === "string" ? model.loss : typeof model.loss === "function" ? model.loss.name : null;
    models.push({
      compiled,
      loss: compiled ? loss : null,
      topology: model.toJSON(null, false),
      losses,
      weights: model.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })),
    });
  }
  return JSON.stringify({ models });
}
`;
}
