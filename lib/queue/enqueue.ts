import { GRADING_JOB, REGRADE_JOB } from "./job-types";
import { sendJob, sendJobs, type DbOrTx } from "./port";

export type { DbOrTx } from "./port";

/** Enqueues the grading of one queued submission, in the transaction that inserted it. */
export async function enqueueGrading(tx: DbOrTx, submissionId: string): Promise<void> {
  await sendJob(tx, GRADING_JOB, { submissionId });
}

/** Enqueues one regrade job per submission of a regrade (see lib/submissions/regrade.ts). */
export async function enqueueRegrades(tx: DbOrTx, regradeId: string, submissionIds: readonly string[]): Promise<void> {
  await sendJobs(tx, REGRADE_JOB, submissionIds.map((submissionId) => ({ regradeId, submissionId })));
}
