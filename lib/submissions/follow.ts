import type { Db } from "../db";
import type { User } from "../db/schema";
import { submissionEventHub, watchSubmission, type SubmissionEventHub, type SubmissionWatch } from "../events/hub";
import { markFirstSeen } from "./first-seen";
import { claimFollowSlot } from "./follow-limit";
import type { SubmissionView } from "./submission-view";
import { readSubmissionForViewer } from "./view";

export const isFinalStatus = (status: SubmissionView["status"]) => status === "graded" || status === "error";

/**
 * The submission as `viewer` may see it (NOT_FOUND for anyone else), for a response: serving its owner a
 * final state records when they first saw it.
 */
export async function serveSubmission(db: Db, submissionId: string, viewer: User): Promise<SubmissionView> {
  const { view, isOwner, firstSeenAt } = await readSubmissionForViewer(db, submissionId, viewer);
  // Only the owner's first final read writes: staff's reads and the owner's later ones send no UPDATE.
  // A result held back (release policy) is not seen yet.
  if (isOwner && firstSeenAt === null && isFinalStatus(view.status) && view.held === undefined) await markFirstSeen(db, submissionId, viewer.id);
  return view;
}

/** Following one submission for one viewer: its state when the follow began, then each change of status. */
export interface SubmissionFollow {
  /** The state served first (read after the subscription, so no later change is missed). */
  readonly initial: SubmissionView;
  /**
   * The next state whose status differs from the last one served, as soon as it is committed; null when
   * none came within `timeoutMs` or `signal` aborted. Reads again at each wake, announced or not: a
   * change whose event was lost (a dropped LISTEN connection) still shows at the next timeout.
   */
  next(options: { timeoutMs: number; signal?: AbortSignal }): Promise<SubmissionView | null>;
  close(): void;
}

/**
 * Starts following a submission: NOT_FOUND (nothing left open) for anyone but its owner and its course's
 * staff; RATE_LIMITED when `viewer` already follows as many as one user may (see follow-limit.ts).
 */
export async function followSubmission(
  db: Db,
  submissionId: string,
  viewer: User,
  hub: SubmissionEventHub = submissionEventHub(),
): Promise<SubmissionFollow> {
  const releaseSlot = claimFollowSlot(viewer.id);
  let watch: SubmissionWatch | undefined;
  let last: SubmissionView;
  try {
    watch = await watchSubmission(hub, submissionId);
    last = await serveSubmission(db, submissionId, viewer);
  } catch (error) {
    watch?.close();
    releaseSlot();
    throw error;
  }
  const opened = watch;
  return {
    initial: last,
    async next({ timeoutMs, signal }) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const wake = await opened.next({ timeoutMs: Math.max(0, deadline - Date.now()), signal });
        if (wake === "aborted") return null;
        const view = await serveSubmission(db, submissionId, viewer);
        if (view.status !== last.status) {
          last = view;
          return view;
        }
        if (Date.now() >= deadline) return null;
      }
    },
    close() {
      opened.close();
      releaseSlot();
    },
  };
}
