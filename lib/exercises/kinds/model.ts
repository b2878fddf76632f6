/**
 * The model kind: the student's export builds a tfjs model; the grader appends its model harness, trains
 * in the sandbox and scores the copied-out model on the host.
 */
import { plural } from "../../format/plural";
import type { CodePackage } from "../package";
import { MODEL_HARNESS_EXPORT, ModelExerciseSchema } from "../schema";
import { checkCodePackage, CODE_PREVIEW, codeView, describeCall, loadCodePackage, QUEUED_CODE_GRADING } from "./code-package";
import type { ExerciseKind } from "./kind";

export const modelKind = {
  label: "Model",
  schema: ModelExerciseSchema,
  load: (input) => loadCodePackage({ kind: "model", schema: ModelExerciseSchema, harnessExports: [MODEL_HARNESS_EXPORT] }, input),
  studentView: (pkg, _viewerId, promptHtml) =>
    codeView(pkg, promptHtml, (call, args) =>
      call === MODEL_HARNESS_EXPORT && pkg.exercise.kind === "model" ? describeTraining(pkg.exercise.builder, args) : describeCall(call, args),
    ),
  grading: QUEUED_CODE_GRADING,
  keepsDrafts: true,
  releasesExplanations: false,
  preview: CODE_PREVIEW,
  check: checkCodePackage,
} satisfies ExerciseKind<CodePackage>;

/** A model example as the student would write it: their builder's call and the training the grader does. */
function describeTraining(builder: string, [inputDim, numClasses, datasets, epochs, batchSize]: unknown[]): string {
  const call = `${builder}(${String(inputDim)}, ${String(numClasses)})`;
  const first = Array.isArray(datasets) && isRecord(datasets[0]) && Array.isArray(datasets[0].y) ? datasets[0].y.length : null;
  if (typeof epochs !== "number" || epochs === 0 || first === null) return `${call}, not trained`;
  return `${call}, trained by the grader for ${plural(epochs, "epoch")} (batches of ${String(batchSize)}) on ${plural(first, "sample")}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
