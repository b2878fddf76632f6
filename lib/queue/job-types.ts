import { z } from "zod";
import type { JobType } from "./port";

/*
 * The app's job types: a name and a payload schema, all a sender needs. Their handlers and retry
 * policies are in lib/jobs/ (where the queue meets the domain), so that lib/submissions can
 * send jobs without depending on the code that handles them.
 */

export const GradingJobSchema = z.object({ submissionId: z.uuid() }).strict();
export type GradingJob = z.infer<typeof GradingJobSchema>;

/** One job per code submission to grade (student work and instructor previews alike). */
export const GRADING_JOB: JobType<GradingJob> = { name: "grading", payload: GradingJobSchema };

export const RegradeJobSchema = z.object({ regradeId: z.uuid(), submissionId: z.uuid() }).strict();
export type RegradeJob = z.infer<typeof RegradeJobSchema>;

/** One job per submission of a regrade (lib/submissions/regrade.ts). */
export const REGRADE_JOB: JobType<RegradeJob> = { name: "regrade", payload: RegradeJobSchema };

export const ExamDeadlineJobSchema = z.object({ assessmentId: z.uuid(), userId: z.uuid() }).strict();
export type ExamDeadlineJob = z.infer<typeof ExamDeadlineJobSchema>;

/**
 * One delayed job per start of timed work, due when the student's time is up (lib/exams/deadline-job.ts):
 * it closes the work then, or sends itself again for the new deadline when more time was granted.
 */
export const EXAM_DEADLINE_JOB: JobType<ExamDeadlineJob> = { name: "exam-deadline", payload: ExamDeadlineJobSchema };

export const LtiPassbackJobSchema = z.object({ resourceLinkRowId: z.uuid(), userId: z.uuid() }).strict();
export type LtiPassbackJob = z.infer<typeof LtiPassbackJobSchema>;

/** Posts one student's current score on one LMS line item (lib/lti/ags/): sent when a counted score changes. */
export const LTI_PASSBACK_JOB: JobType<LtiPassbackJob> = { name: "lti-passback", payload: LtiPassbackJobSchema };

export const LtiRosterSyncJobSchema = z.object({ contextRowId: z.uuid() }).strict();
export type LtiRosterSyncJob = z.infer<typeof LtiRosterSyncJobSchema>;

/** Syncs a linked LMS course's roster into its Tensorgrade course (lib/lti/roster/): at each launch and on demand. */
export const LTI_ROSTER_SYNC_JOB: JobType<LtiRosterSyncJob> = { name: "lti-roster-sync", payload: LtiRosterSyncJobSchema };

export const SimilarityJobSchema = z.object({ reportId: z.uuid() }).strict();
export type SimilarityJob = z.infer<typeof SimilarityJobSchema>;

/** Analyses one similarity report's set of submissions (lib/similarity/reports.ts), with progress on the report row. */
export const SIMILARITY_JOB: JobType<SimilarityJob> = { name: "similarity", payload: SimilarityJobSchema };
