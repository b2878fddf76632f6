import type { ReactNode } from "react";
import type { ExercisePageData } from "@/lib/progress/exercise-page";
import { formatDateTime } from "@/lib/courses/format-date";
import { compactJson } from "@/lib/format/compact-json";
import { AttemptFeedback } from "./AttemptFeedback";
import { QuizAnswers } from "./QuizAnswers";
import { describeStaffAdjustment } from "@/lib/overrides/staff-adjustments";
import "@/app/overrides.css";

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)} %`);

/** Only what the feedback shows goes to the browser component. */
const resultOf = (attempt: Attempt) => {
  const { id, status, verdict, score, message, console, mode, tests, held } = attempt;
  return { id, status, verdict, score, message, console, mode, tests, ...(held === undefined ? {} : { held }) };
};

type Attempt = ExercisePageData["history"][number];

/**
 * Every attempt with its time, score (and the score after any late penalty) and what was submitted;
 * with `review`, a column for each Submit's regrade requests (RegradeReview).
 */
export function AttemptHistory({ attempts, timeZone, review }: { attempts: Attempt[]; timeZone: string; review?: (attempt: Attempt) => ReactNode }) {
  if (attempts.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">Your attempts</h2>
      <table className="assignments stacked">
        <thead>
          <tr>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col">Score</th>
            <th scope="col">Counts as</th>
            <th scope="col">What you sent</th>
            {review ? <th scope="col">Review</th> : null}
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td data-label="Submitted">
                <time dateTime={attempt.createdAt}>{formatDateTime(new Date(attempt.createdAt), timeZone)}</time>
              </td>
              <td data-label="Status">{attempt.held !== undefined ? "submitted" : (attempt.verdict ?? attempt.status)}</td>
              <td data-label="Score">
                {percent(attempt.score)}
                {attempt.staffAdjustment ? (
                  <p className="staff-note" data-testid="staff-adjustment">
                    {describeStaffAdjustment(attempt.staffAdjustment)}
                  </p>
                ) : null}
              </td>
              <td data-label="Counts as">{percent(attempt.countedScore)}</td>
              <td data-label="What you sent">
                {attempt.code !== null ? (
                  <AttemptFeedback result={resultOf(attempt)} code={attempt.code} />
                ) : (
                  <details>
                    <summary>Show</summary>
                    {attempt.quizAnswers ? <QuizAnswers answers={attempt.quizAnswers} /> : <pre className="console" tabIndex={0}>{compactJson(attempt.answers)}</pre>}
                  </details>
                )}
              </td>
              {review ? <td data-label="Review">{review(attempt)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
