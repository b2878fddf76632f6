import { describe, expect, it } from "vitest";
import { listExerciseIds } from "@/lib/exercises/catalogue";
import { EXERCISE_KINDS, type ExerciseKind } from "@/lib/exercises/kinds";
import { quizAnswerKey } from "@/lib/exercises/kinds/quiz";
import { loadPackage } from "@/lib/exercises/loader";
import type { QuizKindPackage } from "@/lib/exercises/package";
import { createVariant, gradeQuiz } from "@/lib/exercises/quiz";

const SEEDS = [1, 2, 3, 0xdeadbeef];

async function quizPackages(): Promise<QuizKindPackage[]> {
  const packages: QuizKindPackage[] = [];
  for (const id of listExerciseIds()) {
    const loaded = await loadPackage(id);
    if (loaded.ok && loaded.pkg.kind === "quiz") packages.push(loaded.pkg);
  }
  return packages;
}

const noGrader = { grade: () => Promise.reject(new Error("a quiz check must not need the sandbox")), bundle: () => Promise.reject(new Error("a quiz has no artefact")) };

describe("quizAnswerKey: the one key of a quiz", () => {
  it("writes a numeric answer as the text a student's browser sends, not as a number", async () => {
    // exercises:check used to key numeric questions with the number and previews with its text;
    // both now use this key, which is what the quiz form posts.
    const pkg = (await quizPackages()).find((candidate) => candidate.exercise.id === "steps-per-epoch");
    if (!pkg) throw new Error("steps-per-epoch is not a loaded quiz");
    const variant = createVariant(pkg.quiz, 1);
    const key = quizAnswerKey(pkg, variant);
    const numeric = pkg.quiz.questions.filter((question) => question.kind === "numeric");
    expect(numeric.length).toBeGreaterThan(0);
    for (const question of numeric) {
      expect(typeof key[question.id]).toBe("string");
      expect(Number.isFinite(Number(key[question.id]))).toBe(true);
    }
    expect(gradeQuiz(pkg.quiz, variant, key).score).toBe(1);
  });

  it("is the key both preview and exercises:check grade, on every quiz package and seed", async () => {
    const packages = await quizPackages();
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of packages) {
      for (const seed of SEEDS) {
        const variant = createVariant(pkg.quiz, seed);
        const previewKey = EXERCISE_KINDS.quiz.grading.answerKey(pkg, seed);
        expect(previewKey).toEqual(quizAnswerKey(pkg, variant));
        expect(EXERCISE_KINDS.quiz.grading.grade(pkg, seed, previewKey).score).toBe(1);
      }
      const quizKind: ExerciseKind<QuizKindPackage> = EXERCISE_KINDS.quiz;
      const lines = await quizKind.check(pkg, noGrader);
      expect(lines).toEqual([{ ok: true, text: `the answer key scores full marks and a blank sheet zero on ${SEEDS.length} seeded variants` }]);
    }
  });
});
