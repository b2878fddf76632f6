import type { AnyJobDefinition } from "../queue/port";
import { gradingJob, type GradingServices } from "./grading";
import { regradeJob } from "./regrade";
import { examDeadlineJob } from "./exam-deadline";
import { ltiPassbackJob } from "./lti-passback";
import { ltiRosterSyncJob } from "./lti-roster-sync";
import { similarityJob } from "./similarity";

export type { GradingServices } from "./grading";

/** Every job the app sends and consumes: the queue adapter creates their queues at start. */
export const APP_JOBS: readonly AnyJobDefinition<GradingServices>[] = [gradingJob, regradeJob, examDeadlineJob, ltiPassbackJob, ltiRosterSyncJob, similarityJob];
