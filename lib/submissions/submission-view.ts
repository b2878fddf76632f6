import type { Submission } from "../db/schema";
import type { AnsweredQuestion } from "../exercises/quiz/attempt-details";

/** What the owner of a submission, or the staff of its course, may see of it: never hidden inputs or expected values. */
export interface SubmissionView {
  id: string;
  exerciseId: string;
  mode: "run" | "submit";
  status: Submission["status"];
  verdict: string | null;
  score: number | null;
  message: string | null;
  console: string | null;
  code: string | null;
  answers: unknown;
  createdAt: string;
  gradedAt: string | null;
  tests: Array<{ name: string; passed: boolean; message: string; hidden: boolean; shown?: { expected: unknown; actual: unknown }; explanationHtml?: string }>;
  /** Quiz attempts: the answers as the options' text (see quiz-feedback). */
  quizAnswers?: AnsweredQuestion[];
  /** Quiz attempts whose explanations are held back: says when they will appear. */
  explanationsPending?: string;
  /** A Submit whose score and feedback are held back (release policy): when they come, as a sentence. */
  held?: string;
}
