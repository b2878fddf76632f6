import { onAssessmentReleased } from "../../courses/assessment-release";
import { onScoreChanged } from "../../scoring/score-changed";
import { findAssessmentPassbacks, findPassbackTargets, queuePassbacks } from "./targets";

/**
 * Grade passback as a listener of counted-score changes: each change queues a passback of the student on
 * every line item it moves (in the writer's transaction), and a manual release, or a change of an
 * assessment's release policy or due date, queues those of its students again (under "after_due" the job
 * then waits for the new date, not for one a job of the old date re-sent itself for). Returns the removal
 * of both listeners.
 */
export function installGradePassback(): () => void {
  const stopScores = onScoreChanged(async (tx, change) => {
    await queuePassbacks(tx, await findPassbackTargets(tx, change.assignmentId, change.userId));
  });
  const stopReleases = onAssessmentReleased(async (tx, assessmentId) => {
    await queuePassbacks(tx, await findAssessmentPassbacks(tx, assessmentId));
  });
  return () => {
    stopScores();
    stopReleases();
  };
}

const store = globalThis as typeof globalThis & { __tensorgradeGradePassback?: () => void };

/** installGradePassback once per process (the app and each worker, whichever module graph starts it). */
export function installGradePassbackOnce(): void {
  store.__tensorgradeGradePassback ??= installGradePassback();
}
