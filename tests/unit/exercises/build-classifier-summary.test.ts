// The build-classifier example as a student sees it: their builder's call and a readable summary of the
// model they built (layers, parameters, loss by epoch, held-out accuracy), never the grader's harness.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadExercise, loadPackage } from "@/lib/exercises/loader";
import { studentExerciseView } from "@/lib/exercises/student-view";
import { checkInputWidth, checkOutputLayer } from "@/lib/grading/model/classifier-checks";
import type { TrainedModel } from "@/lib/grading/model/trained-model";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { figureOf } from "@/lib/submissions/curve";

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());

async function pkg() {
  const loaded = await loadExercise("build-classifier");
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.pkg;
}

describe("build-classifier's visible example", () => {
  it("reads as the student's own call, not the harness's", async () => {
    const loaded = await loadPackage("build-classifier");
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const view = studentExerciseView(loaded.pkg, "student-1");
    if (view.kind !== "code") throw new Error("a model exercise has a code view");
    expect(view.examples).toHaveLength(1);
    expect(view.examples[0]!.text).toBe("buildModel(4, 3), trained by the grader for 40 epochs (batches of 32) on 240 samples");
    expect(JSON.stringify(view.examples)).not.toContain("__tensorgrade");
  });

  it("shows the layers, parameters, loss per epoch and held-out accuracy of the model the student built", async () => {
    const source = readFileSync("tests/fixtures/students/build-classifier/right-sequential.ts", "utf8");
    const result = await gradeSource(await pkg(), source, { provider, examplesOnly: true });
    const [example] = result.tests;
    expect(example?.passed).toBe(true);
    const figure = figureOf(example?.shown as { expected: unknown; actual: unknown } | undefined);
    if (figure?.kind !== "model") throw new Error(`no model summary: ${JSON.stringify(example?.shown).slice(0, 200)}`);
    // right-sequential.ts: Dense(32, relu) then Dense(numClasses, softmax) on 4 features, 3 classes.
    expect(source).toMatch(/units: 32, activation: 'relu'/);
    expect(figure.layers).toEqual(["Input: 4 features", "Dense: 32 units, relu", "Dense: 3 units, softmax"]);
    expect(figure.parameters).toBe(4 * 32 + 32 + 32 * 3 + 3);
    expect(figure.loss).toHaveLength(40);
    expect(figure.loss[39]!).toBeLessThan(figure.loss[0]!);
    expect(figure.validationAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(figure.problem).toBeNull();
    expect(JSON.stringify(example?.shown)).not.toMatch(/__tensorgrade|\\"/);
  }, 60_000);

  it("says why there is no accuracy when the model was not compiled", async () => {
    const source = readFileSync("tests/fixtures/students/build-classifier/wrong-not-compiled.ts", "utf8");
    const result = await gradeSource(await pkg(), source, { provider, examplesOnly: true });
    const figure = figureOf(result.tests[0]?.shown as { expected: unknown; actual: unknown } | undefined);
    expect(figure).toMatchObject({ kind: "model", validationAccuracy: null, loss: [], problem: "the model is not compiled, so it was not trained" });
  }, 60_000);
});

describe("classifier messages count in words", () => {
  const model = (units: number, inputs: number): TrainedModel => ({
    compiled: true,
    loss: "categoricalCrossentropy",
    losses: [],
    topology: {
      class_name: "Sequential",
      config: {
        layers: [
          { class_name: "Dense", config: { units: 8, activation: "relu", batch_input_shape: [null, inputs] } },
          { class_name: "Dense", config: { units, activation: "softmax" } },
        ],
      },
    },
    weights: [],
  });

  it("writes 1 unit and 1 feature in the singular, other counts in the plural", () => {
    expect(checkOutputLayer(model(1, 4), 3)).toBe("the output layer has 1 unit; it needs one per class (numClasses)");
    expect(checkOutputLayer(model(2, 4), 3)).toBe("the output layer has 2 units; it needs one per class (numClasses)");
    expect(checkInputWidth(model(3, 1), 2)).toBe("the model takes 1 feature; it must take inputDim of them (set inputShape: [inputDim])");
    expect(checkInputWidth(model(3, 5), 2)).toMatch(/^the model takes 5 features;/);
  });
});
