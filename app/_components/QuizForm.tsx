"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { RenderableQuiz } from "@/lib/exercises/quiz";
import { attemptConfirmation } from "@/lib/submissions/attempt-confirmation";
import { useSubmission } from "./use-submission";
import { useOnTimeUp } from "./exam/time-up";

/** The latest graded attempt, as the page had it when it was loaded. */
export interface QuizAttempt {
  score: number | null;
  answers?: unknown;
  tests: Array<{ name: string; passed: boolean; message: string; explanationHtml?: string }>;
  explanationsPending?: string;
  /** Score and feedback held back until release: when they come. */
  held?: string;
}

interface Props {
  endpoint: string;
  quiz: RenderableQuiz;
  canSubmit: boolean;
  /** Shown, with its answers filled in, until the next submission. */
  last?: QuizAttempt | null;
  /** Attempts used and the limit (null: unlimited, or staff), for the confirmation before a limited attempt. */
  attempts?: { used: number; limit: number | null };
  /** Timed work in progress: the filled-in answers are submitted when the countdown reaches zero. */
  timed?: boolean;
}

function answerOf(answers: unknown, questionId: string): unknown {
  return typeof answers === "object" && answers !== null ? (answers as Record<string, unknown>)[questionId] : undefined;
}

const chose = (answer: unknown, choiceId: string) => answer === choiceId || (Array.isArray(answer) && answer.includes(choiceId));

/** The student's own seeded quiz: single and multiple choice and numeric answers, with feedback per question. */
export function QuizForm({ endpoint, quiz, canSubmit, last = null, attempts, timed = false }: Props) {
  const { current, error, busy: sending, send, waitFor, refusal } = useSubmission(endpoint);
  // The page's header and attempt history are server-rendered: they are fetched again after a graded attempt.
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const busy = sending || refreshing;
  const submitWait = waitFor("submit");
  const [submitted, setSubmitted] = useState(false);
  const shown: QuizAttempt | null = submitted && current ? current : last;
  const scored = shown !== null && shown.score !== null;
  const correct = shown?.tests.filter((test) => test.passed).length ?? 0;
  const feedback = new Map((shown?.tests ?? []).map((test) => [test.name, test]));

  const formRef = useRef<HTMLFormElement>(null);
  const answersOf = (form: FormData) => {
    const answers: Record<string, unknown> = {};
    for (const question of quiz.questions) {
      if (question.kind === "multiple") answers[question.id] = form.getAll(question.id).map(String);
      else {
        const value = form.get(question.id);
        if (value !== null && value !== "") answers[question.id] = String(value);
      }
    }
    return answers;
  };
  // At zero what is filled in goes in as a Submit, without asking (the server takes it within its grace).
  useOnTimeUp(async () => {
    const form = formRef.current;
    if (!form || !canSubmit) return;
    const answers = answersOf(new FormData(form));
    const filled = Object.values(answers).some((answer) => (Array.isArray(answer) ? answer.length > 0 : true));
    if (filled && (await send({ answers })) !== null) setSubmitted(true);
  }, timed);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // aria-disabled (not disabled) keeps keyboard focus on the button while grading; refuse here instead.
    if (busy || submitWait !== null || !canSubmit) return;
    const answers = answersOf(new FormData(event.currentTarget));
    const question = attempts ? attemptConfirmation(attempts.used, attempts.limit) : null;
    if (question && !window.confirm(question)) return;
    if ((await send({ answers })) !== null) {
      setSubmitted(true);
      startRefresh(() => router.refresh());
    }
  }

  return (
    <form className="quiz" onSubmit={onSubmit} ref={formRef}>
      {quiz.questions.map((question, index) => {
        const result = feedback.get(question.id);
        const previous = answerOf(last?.answers, question.id);
        return (
          <fieldset key={question.id} className="card question" data-testid={`question-${question.id}`}>
            <legend>
              Question {index + 1} <span className="muted small">({question.points} {question.points === 1 ? "point" : "points"})</span>
            </legend>
            <div className="prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
            {question.kind === "numeric" ? (
              <label className="numeric">
                Your answer
                <input
                  name={question.id}
                  inputMode="decimal"
                  autoComplete="off"
                  defaultValue={typeof previous === "string" || typeof previous === "number" ? String(previous) : ""}
                />
                {question.unit ? <span className="muted">{question.unit}</span> : null}
              </label>
            ) : (
              question.choices.map((choice) => (
                <label key={choice.id} className="choice">
                  <input
                    type={question.kind === "single" ? "radio" : "checkbox"}
                    name={question.id}
                    value={choice.id}
                    defaultChecked={chose(previous, choice.id)}
                  />
                  <span dangerouslySetInnerHTML={{ __html: choice.html }} />
                </label>
              ))
            )}
            {result ? (
              <>
                <p className={`feedback ${result.passed ? "pass" : "fail"}`} role="status">
                  {result.message}
                </p>
                {result.explanationHtml ? (
                  <div className="explanation" data-testid="explanation">
                    <strong>Explanation:</strong> <div dangerouslySetInnerHTML={{ __html: result.explanationHtml }} />
                  </div>
                ) : null}
              </>
            ) : null}
          </fieldset>
        );
      })}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {submitWait ? (
        <p className="hint" data-testid="retry-countdown">
          {submitWait}
        </p>
      ) : null}
      {refusal ? <p className="visually-hidden" role="status">{refusal}</p> : null}
      {/* Present from the start so that a screen reader announces the score when it arrives. */}
      <p className="result-score" data-testid="quiz-announcement" role="status" aria-live="polite">
        {scored ? (
          <span data-testid="score">
            {submitted ? "Score" : "Your last attempt's score"}: {Math.round(shown.score! * 100)} % ({correct} of {shown.tests.length} correct)
          </span>
        ) : shown?.held ? (
          <span data-testid="release-note">Submitted. {shown.held}</span>
        ) : null}
      </p>
      {shown?.explanationsPending ? <p className="muted small">{shown.explanationsPending}</p> : null}
      <button type="submit" className="button" aria-disabled={busy || submitWait !== null || !canSubmit}>
        Submit answers
      </button>
    </form>
  );
}
