import type { AssignmentActivity } from "@/lib/courses/assignments";
import { plural } from "@/lib/format/plural";

/** "6 submissions and 3 runs": the same words and numbers wherever an assignment's activity is counted. */
export function describeActivity(activity: AssignmentActivity): string {
  return `${plural(activity.submissions, "submission")} and ${plural(activity.runs, "run")}`;
}

/** The assignment's activity, saying which is which: the edit page and the regrade page show the same line. */
export function ActivityCounts({ activity }: { activity: AssignmentActivity }) {
  return (
    <p className="small" data-testid="activity-counts">
      So far: <strong>{describeActivity(activity)}</strong>.{" "}
      <span className="muted">
        A submission (Submit) is graded on the hidden tests, counts toward the score and is regraded; a run (Run) only tries the visible examples and is never
        scored.
      </span>
    </p>
  );
}
