import type { ExerciseView } from "./exercise-view";
import { kindOf } from "./kinds";
import type { AnyPackage } from "./package";
import { renderPrompt } from "./render/render-prompt";

export type { CodeExerciseView, ExerciseView, QuizExerciseView } from "./exercise-view";

/**
 * What a student's browser receives for an exercise: built field by field, so hidden tests, the
 * reference solution and quiz keys can never ride along. A quiz shows the student's own seeded variant.
 */
export function studentExerciseView(pkg: AnyPackage, userId: string): ExerciseView {
  return kindOf(pkg).studentView(pkg, userId, renderPrompt(withoutLeadingTitle(pkg.prompt)));
}

/** The page shows the exercise's title itself; a prompt that opens with the same `# Title` would repeat it. */
function withoutLeadingTitle(markdown: string): string {
  return markdown.replace(/^\s*# [^\n]*\n/, "");
}
