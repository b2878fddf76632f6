import { check, type CheckFn } from "../../lib/grading/compare";
import {
  checkCompiledForOneHot,
  checkHiddenLayer,
  checkInputWidth,
  checkOutputLayer,
  medianAccuracy,
  modelsOf,
} from "../../lib/grading/model/classifier-checks";
import { summariseModel } from "../../lib/grading/model/summary";
import { gaussianBlobs, type Dataset } from "../../lib/grading/model/synthetic-data";
import { defineModelExercise, type ModelExerciseInput } from "../../lib/exercises/schema";

type Test = ModelExerciseInput["tests"][number];

const EPOCHS = 40;
const BATCH_SIZE = 32;
const PASSING_ACCURACY = 0.9;
const SEEDS = [1, 2, 3];

/** One classification task: its training sets enter the sandbox; its validation sets never do. */
function task(inputDim: number, numClasses: number, taskSeed: number) {
  const train: Dataset[] = SEEDS.map((seed) => gaussianBlobs({ inputDim, numClasses, samples: 240, taskSeed, sampleSeed: taskSeed * 100 + seed }));
  const validation: Dataset[] = SEEDS.map((seed) => gaussianBlobs({ inputDim, numClasses, samples: 300, taskSeed, sampleSeed: taskSeed * 1000 + seed }));
  return { inputDim, numClasses, train, validation };
}

/** A structure check on a model built (and not trained) for the given sizes. */
function structure(name: string, inputDim: number, numClasses: number, verdict: CheckFn, extra: Partial<Test> = {}): Test {
  const probe: Dataset = { x: [Array.from({ length: inputDim }, () => 0)], y: [0] };
  // expected: null — the checks judge the copied-out model itself; no reference run is needed.
  return { name, call: "__tensorgradeTrain", args: [inputDim, numClasses, [probe], 0, 1], compare: check(verdict), expected: null, ...extra };
}

function firstModel(raw: unknown, then: (model: Exclude<ReturnType<typeof modelsOf>, string>[number]) => true | string): true | string {
  const models = modelsOf(raw);
  if (typeof models === "string") return models;
  return then(models[0]!);
}

function accuracy(name: string, t: ReturnType<typeof task>): Test {
  return {
    name,
    call: "__tensorgradeTrain",
    args: [t.inputDim, t.numClasses, t.train, EPOCHS, BATCH_SIZE],
    expected: null,
    compare: check((raw) => {
      const models = modelsOf(raw);
      if (typeof models === "string") return models;
      const compiled = checkCompiledForOneHot(models[0]!);
      if (compiled !== true) return compiled;
      const median = medianAccuracy(models, t.validation);
      if (typeof median === "string") return median;
      return median >= PASSING_ACCURACY
        ? true
        : `median accuracy on held-out data over ${SEEDS.length} training runs is ${(median * 100).toFixed(1)} %; full marks need ${PASSING_ACCURACY * 100} %`;
    }),
    misconception: "underfits",
    hint: "a hidden Dense layer of 16–64 relu units, a softmax output of numClasses units and the adam optimizer train well here",
  };
}

/**
 * The visible example: one training run, checked for a classifier's structure (the accuracy counts in the
 * hidden tests) and shown as a summary: layers, parameters, the loss per epoch and held-out accuracy.
 */
function trainedExample(t: ReturnType<typeof task>): Test {
  const samples = t.train[0]!.y.length;
  return {
    name: `example: buildModel(${t.inputDim}, ${t.numClasses}) trained for ${EPOCHS} epochs on ${samples} samples`,
    call: "__tensorgradeTrain",
    args: [t.inputDim, t.numClasses, t.train.slice(0, 1), EPOCHS, BATCH_SIZE],
    expected: null,
    compare: check((raw) =>
      firstModel(raw, (model) => {
        for (const verdict of [checkCompiledForOneHot(model), checkHiddenLayer(model), checkOutputLayer(model, t.numClasses)]) if (verdict !== true) return verdict;
        return true;
      }),
    ),
    show: (raw) => summariseModel(raw, t.validation[0]!),
  };
}

export default defineModelExercise({
  id: "build-classifier",
  title: "Build a classifier",
  topic: "Topology",
  kind: "model",
  points: 10,
  difficulty: "medium",
  exports: ["buildModel"],
  builder: "buildModel",
  limits: { memoryMb: 512, callMs: 30_000, submissionMs: 150_000 },
  examples: [trainedExample(task(4, 3, 11))],
  tests: [
    structure("the model is compiled", 6, 4, (raw) => firstModel(raw, (model) => (model.compiled ? true : "the model is not compiled: call model.compile({ optimizer, loss }) before returning it")), {
      misconception: "not-compiled",
      hint: "compile the model inside buildModel: the grader trains exactly what you return",
    }),
    structure("the loss suits one-hot labels over several classes", 6, 4, (raw) => firstModel(raw, checkCompiledForOneHot), {
      misconception: "binary-crossentropy",
      hint: "several classes with one-hot labels call for categorical cross-entropy, not binary cross-entropy",
    }),
    structure("there is a hidden layer with a non-linear activation", 6, 4, (raw) => firstModel(raw, checkHiddenLayer), {
      misconception: "no-hidden-layer",
      hint: "put at least one Dense layer with a non-linear activation (relu) between the input and the output",
    }),
    structure("the output has one softmax unit per class (4 classes)", 6, 4, (raw) => firstModel(raw, (model) => checkOutputLayer(model, 4)), {
      misconception: "sigmoid-output",
      hint: "one class out of several: numClasses output units with softmax, so the outputs are probabilities that sum to 1",
    }),
    structure("the output follows numClasses (7 classes)", 5, 7, (raw) => firstModel(raw, (model) => checkOutputLayer(model, 7)), {
      misconception: "ignores-num-classes",
      hint: "use the numClasses argument for the output width instead of a fixed number",
    }),
    structure("the input follows inputDim (2 features, 2 classes)", 2, 2, (raw) => firstModel(raw, (model) => checkInputWidth(model, 2)), {
      misconception: "ignores-input-dim",
      hint: "use inputDim for the input shape of the first layer",
    }),
    accuracy("learns 3 classes from 4 features", task(4, 3, 11)),
    accuracy("learns 5 classes from 8 features", task(8, 5, 31)),
    accuracy("learns 6 classes from 3 features", task(3, 6, 5)),
  ],
});
