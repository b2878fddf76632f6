import { AppError } from "../errors";

/** How many submissions one user may follow at once in this process (event streams and long-polls together). */
export const MAX_FOLLOWS_PER_USER = 5;
/** When a refused follow may be tried again: by then a stream or long-poll of the same user has likely ended. */
export const FOLLOW_RETRY_AFTER_SECONDS = 3;

// Next.js may evaluate this module in several bundles of one process: one count per process.
const store = globalThis as typeof globalThis & { __tensorgradeOpenFollows?: Map<string, number> };

/**
 * Takes one of `userId`'s follow slots, or refuses (RATE_LIMITED, with when to try again) when they
 * already hold MAX_FOLLOWS_PER_USER: each follow holds a LISTEN subscription and a request for up to
 * minutes. Returns the function that gives the slot back (once, however often it is called).
 */
export function claimFollowSlot(userId: string): () => void {
  const open = (store.__tensorgradeOpenFollows ??= new Map<string, number>());
  const held = open.get(userId) ?? 0;
  if (held >= MAX_FOLLOWS_PER_USER) {
    throw new AppError("RATE_LIMITED", "Too many submissions followed at once. Close a tab and try again.", {
      retryAfterSeconds: FOLLOW_RETRY_AFTER_SECONDS,
    });
  }
  open.set(userId, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
}
