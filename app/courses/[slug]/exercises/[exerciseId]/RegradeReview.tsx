import { formatDateTime } from "@/lib/courses/format-date";
import type { OwnRegradeRequest } from "@/lib/regrade-requests";
import { AskForReview } from "./AskForReview";

const percent = (value: number | null) => (value === null ? "no score" : `${Math.round(value * 100)} %`);

interface Props {
  slug: string;
  submissionId: string;
  /** Only a graded Submit can be reviewed. */
  graded: boolean;
  /** The student's scores on the assessment are released (so they may ask). */
  mayAsk: boolean;
  requests: OwnRegradeRequest[];
  timeZone: string;
}

/** A Submit's regrade requests as its student sees them (their message, staff's answer), and "Ask for a review" when they may. */
export function RegradeReview({ slug, submissionId, graded, mayAsk, requests, timeZone }: Props) {
  const open = requests.some((request) => request.status === "open");
  if (requests.length === 0 && !(graded && mayAsk)) return <span className="muted small">–</span>;
  return (
    <div className="regrade-review" data-testid="regrade-review">
      {requests.map((request) => (
        <div key={request.id} className="regrade-state small" data-status={request.status}>
          {request.status === "open" ? (
            <p>
              <strong>Review requested</strong> on {formatDateTime(new Date(request.createdAt), timeZone)}; staff will answer here.
            </p>
          ) : request.answerHeld ? (
            <p>
              <strong>
                Reviewed by {request.resolverName} on {formatDateTime(new Date(request.resolvedAt!), timeZone)}:
              </strong>{" "}
              answered; the answer is shown when your scores are released.
            </p>
          ) : (
            <p>
              <strong>
                Reviewed by {request.resolverName} on {formatDateTime(new Date(request.resolvedAt!), timeZone)}:
              </strong>{" "}
              <span className="regrade-response">{request.response}</span>{" "}
              {request.previousScore === request.newScore
                ? `Score kept at ${percent(request.newScore)}`
                : `Score ${percent(request.previousScore)} → ${percent(request.newScore)}`}
              {request.newScoreCounted === null ? "." : ` (counts as ${percent(request.newScoreCounted)} after the late penalty).`}
            </p>
          )}
          <details>
            <summary>Your message</summary>
            <p className="regrade-message">{request.message}</p>
          </details>
        </div>
      ))}
      {graded && mayAsk && !open ? <AskForReview slug={slug} submissionId={submissionId} /> : null}
    </div>
  );
}
