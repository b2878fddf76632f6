import type { DbOrTx } from "../db/transaction";
import { EXAM_DEADLINE_JOB, type ExamDeadlineJob } from "../queue/job-types";
import { sendJob } from "../queue/port";

/** Sends the time-up job of a student's timed work, due at `at` (in the caller's transaction). */
export async function scheduleExamDeadline(tx: DbOrTx, job: ExamDeadlineJob, at: Date): Promise<void> {
  await sendJob(tx, EXAM_DEADLINE_JOB, job, { startAfter: at });
}
