/** Seeded variants: the per-student params of each question, as plain JSON to store with an attempt. */
import { createRng, hash32 } from "./rng";
import { ParamsSchema, type Params, type Question, type QuestionVariant, type Quiz, type QuizVariant } from "./schema";

/** Each question draws from its own stream, so adding or reordering questions keeps the others' numbers. */
function questionSeed(seed: number, questionId: string): number {
  return hash32(`${seed >>> 0}:${questionId}`);
}

/** Runs a question's `params(rng)` for a seed and checks the result is plain JSON parameters. */
export function drawParams(question: Question, seed: number): Params {
  if (!question.params) return {};
  const raw = question.params(createRng(questionSeed(seed, question.id)));
  const parsed = ParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`question "${question.id}": params returned invalid values (${detail})`);
  }
  return parsed.data;
}

function drawQuestion(question: Question, seed: number): QuestionVariant {
  const params = drawParams(question, seed);
  if (question.kind === "numeric" || !question.shuffle) return { params };
  // A separate stream from the params so that toggling `shuffle` never changes the numbers.
  const order = createRng(questionSeed(seed, `${question.id}#order`)).shuffle(question.choices.map((c) => c.id));
  return { params, choiceOrder: order };
}

/** The variant of `quiz` for `seed` (see `quizSeed`); throws only when an author's params function is broken. */
export function createVariant(quiz: Quiz, seed: number): QuizVariant {
  const questions: Record<string, QuestionVariant> = {};
  for (const question of quiz.questions) questions[question.id] = drawQuestion(question, seed);
  return { seed: seed >>> 0, questions };
}
