/** The quiz kind: seeded questions answered in a form and graded at once, with no sandbox and no queue. */
import { isDeepStrictEqual } from "node:util";
import { createVariant, gradeQuiz, QuizSchema, quizSeed, renderableQuiz, type Quiz, type QuizVariant } from "../quiz";
import { checkAnswerShapes, checkQuizAnswers } from "../quiz/answer-check";
import { answeredQuestions, releasedExplanations, storedVariant } from "../quiz/attempt-details";
import { expectedAnswer } from "../quiz/expected";
import { validateQuiz } from "../quiz/validate";
import { QuizExerciseSchema } from "../quiz-exercise";
import type { AnyLoadResult, QuizKindPackage } from "../package";
import type { CheckLine, ExerciseKind, InlineGrade } from "./kind";
import { checkPrompt, isObject, readPackageFile, zodErrors, type LoadInput } from "./load-parts";
import { AnswersRequestSchema } from "./requests";

/**
 * The quiz's correct answers under `variant`, in the form a student's browser sends them (a numeric
 * answer as the text typed). The one key for previews ("grade the answer key") and exercises:check.
 */
export function quizAnswerKey({ quiz }: { quiz: Quiz }, variant: QuizVariant): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of quiz.questions) {
    const key = expectedAnswer(question, variant.questions[question.id]?.params ?? {});
    if (!key.ok) continue;
    const expected = key.expected;
    answers[question.id] = expected.kind === "single" ? expected.choiceId : expected.kind === "multiple" ? expected.choiceIds : String(expected.value);
  }
  return answers;
}

export const quizKind = {
  label: "Quiz",
  // The loader checks questions one by one (validateQuiz); authors' editors get the whole question format.
  schema: QuizExerciseSchema.extend({ questions: QuizSchema.shape.questions }),
  load: loadQuiz,
  studentView: (pkg, viewerId, promptHtml) => {
    const variant = createVariant(pkg.quiz, quizSeed(viewerId, pkg.exercise.id));
    return { kind: "quiz", promptHtml, quiz: renderableQuiz(pkg.quiz, variant) };
  },
  grading: {
    mode: "inline",
    request: { schema: AnswersRequestSchema, refusal: "This exercise takes answers, not code." },
    checkAnswers: (pkg, answers, complete) => {
      const check = complete ? checkQuizAnswers(pkg.quiz, answers) : checkAnswerShapes(pkg.quiz, answers);
      return check.ok ? { ok: true } : { ok: false, message: check.message };
    },
    grade: (pkg, seed, answers) => gradeOnVariant(pkg, createVariant(pkg.quiz, seed), answers),
    gradeStored: (pkg, attempt) => gradeOnVariant(pkg, storedVariant(pkg.quiz, attempt.variant, attempt.variantSeed), attempt.answers),
    answerKey: (pkg, seed) => quizAnswerKey(pkg, createVariant(pkg.quiz, seed)),
    reviewAnswers: (pkg, attempt) => answeredQuestions(pkg.quiz, storedVariant(pkg.quiz, attempt.variant, attempt.variantSeed), attempt.answers),
    explanations: (pkg, attempt) => releasedExplanations(pkg.quiz, storedVariant(pkg.quiz, attempt.variant, attempt.variantSeed)),
  },
  keepsDrafts: false,
  releasesExplanations: true,
  preview: { hint: "Grades this sample variant's answer key and an empty answer sheet.", solution: "Grade the answer key", starter: "Grade without answers" },
  check: (pkg) => Promise.resolve(checkQuiz(pkg)),
} satisfies ExerciseKind<QuizKindPackage>;

function gradeOnVariant(pkg: QuizKindPackage, variant: QuizVariant, answers: unknown): InlineGrade {
  const grade = gradeQuiz(pkg.quiz, variant, answers);
  const tests = grade.questions.map((question) => ({ name: question.questionId, passed: question.status === "correct", message: question.message }));
  return { variant, score: grade.score, tests };
}

function loadQuiz({ id, dir, exported }: LoadInput): AnyLoadResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = QuizExerciseSchema.safeParse(exported);
  if (!parsed.success) errors.push(...zodErrors(parsed.error.issues.filter((issue) => issue.path[0] !== "questions")));
  const validation = validateQuiz({ questions: isObject(exported) ? exported.questions : undefined });
  const label = (issue: { questionId?: string; field: string }) =>
    `exercise.ts: questions${issue.questionId ? `["${issue.questionId}"]` : ""}.${issue.field}`;
  errors.push(...validation.errors.map((issue) => `${label(issue)}: ${issue.message}`));
  warnings.push(...validation.warnings.map((issue) => `${label(issue)}: ${issue.message}`));
  const prompt = readPackageFile(dir, "prompt.md", errors);
  checkPrompt(prompt, errors);
  if (parsed.success && parsed.data.id !== id) errors.push(`exercise.ts: id: "${parsed.data.id}" does not match its folder "${id}"`);
  if (errors.length > 0 || !parsed.success || !validation.quiz) return { ok: false, errors, warnings };
  return { ok: true, pkg: { kind: "quiz", exercise: parsed.data, quiz: validation.quiz, dir, prompt }, warnings };
}

/** The seeds exercises:check tries a quiz on. */
export const QUIZ_CHECK_SEEDS = [1, 2, 3, 0xdeadbeef];

/** On several seeds: the key scores full marks, a blank sheet zero, the variant is reproducible and the view carries no key. */
function checkQuiz(pkg: QuizKindPackage): CheckLine[] {
  const lines = QUIZ_CHECK_SEEDS.flatMap((seed) => checkQuizSeed(pkg, seed));
  if (lines.length === 0) lines.push({ ok: true, text: `the answer key scores full marks and a blank sheet zero on ${QUIZ_CHECK_SEEDS.length} seeded variants` });
  return lines;
}

/** The failures of one seed's variant (none when it is sound): key, blank sheet, reproducibility, no key in the view. */
export function checkQuizSeed(pkg: QuizKindPackage, seed: number): CheckLine[] {
  const lines: CheckLine[] = [];
  const variant = createVariant(pkg.quiz, seed);
  const grade = gradeQuiz(pkg.quiz, variant, quizAnswerKey(pkg, variant));
  if (grade.score !== 1) lines.push({ ok: false, text: `seed ${seed}: the answer key scores ${grade.score}` });
  const blank = gradeQuiz(pkg.quiz, variant, {});
  if (blank.score !== 0) lines.push({ ok: false, text: `seed ${seed}: an empty answer sheet scores ${blank.score}` });
  if (!isDeepStrictEqual(createVariant(pkg.quiz, seed), variant)) lines.push({ ok: false, text: `seed ${seed}: the variant is not reproducible` });
  const shown = JSON.stringify(renderableQuiz(pkg.quiz, variant));
  if (/"(correct|answer|atol|rtol)"/.test(shown)) lines.push({ ok: false, text: `seed ${seed}: the student view carries answer data` });
  return lines;
}
