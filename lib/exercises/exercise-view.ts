/** What a student's browser receives for an exercise: an editor with examples, or a quiz form. */
import type { RenderableQuiz } from "./quiz";

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
