import { createVariant, quizSeed, renderableQuiz, type RenderableQuiz } from "./quiz";
import { plural } from "../format/plural";
import { SERIES_EXPORT } from "../grading/series-harness";
import type { AnyPackage } from "./loader";
import { renderPrompt } from "./render/render-prompt";
import { MODEL_HARNESS_EXPORT } from "./schema";

export interface CodeExerciseView {
  kind: "code";
  promptHtml: string;
  starter: string;
  exports: string[];
  /** Visible examples only: their inputs are part of the prompt. */
  examples: Array<{ name: string; text: string }>;
}

export interface QuizExerciseView {
  kind: "quiz";
  promptHtml: string;
  quiz: RenderableQuiz;
}

export type ExerciseView = CodeExerciseView | QuizExerciseView;

/**
 * What a student's browser receives for an exercise: built field by field, so hidden tests, the
 * reference solution and quiz keys can never ride along. A quiz shows the student's own seeded variant.
 */
export function studentExerciseView(pkg: AnyPackage, userId: string): ExerciseView {
  const promptHtml = renderPrompt(withoutLeadingTitle(pkg.prompt));
  if (pkg.kind === "quiz") {
    const variant = createVariant(pkg.quiz, quizSeed(userId, pkg.exercise.id));
    return { kind: "quiz", promptHtml, quiz: renderableQuiz(pkg.quiz, variant) };
  }
  return {
    kind: "code",
    promptHtml,
    starter: pkg.starter,
    exports: [...pkg.exercise.exports],
    examples: pkg.exercise.examples.map((example) => ({
      name: example.name,
      text: pkg.exercise.kind === "model" && example.call === MODEL_HARNESS_EXPORT ? describeTraining(pkg.exercise.builder, example.args) : describeCall(example.call, example.args),
    })),
  };
}

/** The page shows the exercise's title itself; a prompt that opens with the same `# Title` would repeat it. */
function withoutLeadingTitle(markdown: string): string {
  return markdown.replace(/^\s*# [^\n]*\n/, "");
}

/** How an example's call reads on the page; a drawn series names the export and how many calls it makes. */
function describeCall(call: string, args: unknown[]): string {
  const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");
  if (call === SERIES_EXPORT && typeof args[0] === "string" && Array.isArray(args[1])) {
    const calls = args[1].filter(Array.isArray);
    const first = `${args[0]}(${list(calls[0] ?? [])})`;
    if (calls.length === 1) return `${first}, drawn`;
    const fedBack = isRecord(args[2]) && "carry" in args[2];
    return `${first}, … (${calls.length} calls${fedBack ? ", each fed the state the previous one returned" : ""}, drawn as a curve)`;
  }
  return `${call}(${list(args)})`;
}

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
