import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { ltiContexts, ltiGradePassbacks, ltiPlatforms, ltiResourceLinks, ltiUserLinks } from "../../db/schema";
import { LTI_PASSBACK_JOB, type LtiPassbackJob } from "../../queue/job-types";
import { sendJob } from "../../queue/port";
import { PlatformRequestError } from "../platform-http";
import { postScore, type ScoreBody } from "./post-score";
import { passbackScore } from "./score";

/** What one run of a passback did. */
export type PassbackOutcome =
  | { kind: "sent"; scoreGiven: number | null; scoreMaximum: number }
  /** Scores not released to the student: the row stays pending; `retryAt` when the job comes back by itself. */
  | { kind: "held"; retryAt: Date | null }
  | { kind: "failed"; reason: string }
  /** The row, its link, its line item or the student's link to the platform is gone: nothing to send. */
  | { kind: "gone" };

/**
 * Sends one student's current score to one line item and records the outcome on the passback row: sent
 * (with what was sent), failed for good on a refusal that will not change (a 4xx other than 401/408/429),
 * or still pending and thrown for a retry (no answer, 5xx, 408, 429, a token refused with 400/401). Held back scores are not sent; under
 * "after_due" the job sends itself again for the student's due date.
 */
export async function runPassback(db: Db, job: LtiPassbackJob, now = new Date()): Promise<PassbackOutcome> {
  const [target] = await db
    .select({ link: ltiResourceLinks, platform: ltiPlatforms, sub: ltiUserLinks.sub })
    .from(ltiGradePassbacks)
    .innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiGradePassbacks.resourceLinkRowId))
    .innerJoin(ltiContexts, eq(ltiContexts.id, ltiResourceLinks.contextRowId))
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
    .innerJoin(ltiUserLinks, and(eq(ltiUserLinks.platformId, ltiPlatforms.id), eq(ltiUserLinks.userId, ltiGradePassbacks.userId)))
    .where(rowOf(job))
    .limit(1);
  if (!target?.link.lineItemUrl) return { kind: "gone" };

  const score = await passbackScore(db, target.link, job.userId, now);
  if (score.kind === "gone") return score;
  if (score.kind === "held") {
    const retryAt = score.releaseAt && score.releaseAt > now ? score.releaseAt : null;
    if (retryAt) await sendJob(db, LTI_PASSBACK_JOB, job, { startAfter: retryAt });
    return { kind: "held", retryAt };
  }

  const body: ScoreBody = {
    userId: target.sub,
    ...(score.scoreGiven === null ? {} : { scoreGiven: score.scoreGiven }),
    scoreMaximum: score.scoreMaximum,
    activityProgress: score.activityProgress,
    gradingProgress: score.gradingProgress,
    timestamp: now.toISOString(),
  };
  try {
    await postScore(db, target.platform, target.link.lineItemUrl, body);
  } catch (error) {
    if (!(error instanceof PlatformRequestError)) throw error;
    const final = !error.retryable;
    await db
      .update(ltiGradePassbacks)
      .set({ status: final ? "failed" : "pending", attempts: sql`${ltiGradePassbacks.attempts} + 1`, lastError: error.reason, updatedAt: now })
      .where(rowOf(job));
    if (!final) throw error;
    return { kind: "failed", reason: error.reason };
  }
  await db
    .update(ltiGradePassbacks)
    .set({ status: "sent", scoreGiven: score.scoreGiven, scoreMaximum: score.scoreMaximum, attempts: sql`${ltiGradePassbacks.attempts} + 1`, lastError: null, sentAt: now, updatedAt: now })
    .where(rowOf(job));
  return { kind: "sent", scoreGiven: score.scoreGiven, scoreMaximum: score.scoreMaximum };
}

/** Every delivery failed: the row ends failed with the last reason recorded (or a generic one). */
export async function failPassback(db: Db, job: LtiPassbackJob, now = new Date()): Promise<void> {
  await db
    .update(ltiGradePassbacks)
    .set({ status: "failed", lastError: sql`coalesce(${ltiGradePassbacks.lastError}, 'The score could not be sent.')`, updatedAt: now })
    .where(and(rowOf(job), eq(ltiGradePassbacks.status, "pending")));
}

const rowOf = (job: LtiPassbackJob) => and(eq(ltiGradePassbacks.resourceLinkRowId, job.resourceLinkRowId), eq(ltiGradePassbacks.userId, job.userId));
