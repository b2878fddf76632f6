import { z } from "zod";

/** One job per code submission to grade (student work and instructor previews alike). */
export const GRADING_QUEUE = "grading";
/** One job per submission of a regrade (lib/submissions/regrade.ts). */
export const REGRADE_QUEUE = "regrade";
/** Where pg-boss copies a job whose every delivery failed (crashed workers included). */
export const GRADING_DEAD_QUEUE = "grading-dead";
export const REGRADE_DEAD_QUEUE = "regrade-dead";

/**
 * Deliveries after the first. Only infrastructure failures are retried (a grader that crashed, a
 * worker that died or stopped mid-job); a verdict, limits included, completes the job at once.
 */
export const RETRY_LIMIT = 3;
/** A job whose worker stops heart-beating for this long is handed to another worker. */
export const HEARTBEAT_SECONDS = 10;
/** How often an instance checks for dead workers' jobs (one instance does it per pass). */
export const SUPERVISE_SECONDS = 5;
/** Longest a delivery may stay active: above the largest wall limit an exercise may set (600 s). */
export const EXPIRE_SECONDS = 900;

export const GradingJobSchema = z.object({ submissionId: z.uuid() }).strict();
export type GradingJob = z.infer<typeof GradingJobSchema>;

export const RegradeJobSchema = z.object({ regradeId: z.uuid(), submissionId: z.uuid() }).strict();
export type RegradeJob = z.infer<typeof RegradeJobSchema>;
