/** The quiz engine: authored format, seeded variants, the student view and grading. */
export * from "./schema";
export { createRng, hash32, quizSeed, type Rng } from "./rng";
export { createVariant } from "./variant";
export { renderableQuiz, type RenderableChoice, type RenderableQuestion, type RenderableQuiz } from "./renderable";
export { gradeQuiz, type QuestionFeedback, type QuestionStatus, type QuizGrade } from "./grade";
export { parseNumericAnswer, withinTolerance, type NumericParse } from "./numeric-answer";
export { validateQuiz, type QuizIssue, type QuizValidation } from "./validate";
