import type { ExercisePageData } from "@/lib/courses/exercise-page";

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)} %`);

/** Every attempt with its time, score (and the score after any late penalty) and what was submitted. */
export function AttemptHistory({ attempts }: { attempts: ExercisePageData["history"] }) {
  if (attempts.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">Your attempts</h2>
      <table className="assignments">
        <thead>
          <tr>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col">Score</th>
            <th scope="col">Counts as</th>
            <th scope="col">What you sent</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td>
                <time dateTime={attempt.createdAt}>{new Date(attempt.createdAt).toUTCString()}</time>
              </td>
              <td>{attempt.verdict ?? attempt.status}</td>
              <td>{percent(attempt.score)}</td>
              <td>{percent(attempt.countedScore)}</td>
              <td>
                <details>
                  <summary>Show</summary>
                  <pre className="console" tabIndex={0}>{attempt.code ?? JSON.stringify(attempt.answers, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
