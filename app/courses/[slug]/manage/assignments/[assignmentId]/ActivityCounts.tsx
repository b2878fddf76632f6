import type { AssignmentActivity } from "@/lib/courses/assignments";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "6 submissions and 3 runs": the same words and numbers wherever an assignment's activity is counted. */
export function describeActivity(activity: AssignmentActivity): string {
  return `${count(activity.submissions, "submission", "submissions")} and ${count(activity.runs, "run", "runs")}`;
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
