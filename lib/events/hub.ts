import { getDatabase, type DatabaseHandle } from "../db";
import { SUBMISSION_EVENTS_CHANNEL, parseSubmissionEvent, type SubmissionEvent } from "./submission-events";

type Listener = (event: SubmissionEvent) => void;

/** When the LISTEN is down (it could not start), how often a watch wakes its follower to read again. */
const UNHEARD_RECHECK_MS = 1_000;

/**
 * One process's door to the submission events: ONE `LISTEN` on the database, started with the first
 * subscriber, handing each committed change of a submission to those following that submission.
 */
export interface SubmissionEventHub {
  /**
   * Calls `onEvent` with every change of submission `id` committed from now on. Resolves once the LISTEN
   * is active (so a read made after it misses nothing) to the function that ends the subscription;
   * rejects when the LISTEN cannot start (the next subscription tries again).
   */
  subscribe(id: string, onEvent: Listener): Promise<() => void>;
  /** Stops listening (tests; the process's hub lives as long as the process). */
  close(): Promise<void>;
}

/** A hub on the LISTEN of the handle `open` resolves to (opened at the first subscription). */
export function createSubmissionEventHub(open: () => Promise<Pick<DatabaseHandle, "listen">>): SubmissionEventHub {
  const listeners = new Map<string, Set<Listener>>();
  let listening: Promise<() => Promise<void>> | null = null;

  const dispatch = (payload: string) => {
    const event = parseSubmissionEvent(payload);
    if (!event) return;
    for (const listener of [...(listeners.get(event.id) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        console.error("A submission event listener failed", error);
      }
    }
  };

  const startListening = () => {
    listening ??= open()
      .then((handle) => handle.listen(SUBMISSION_EVENTS_CHANNEL, dispatch))
      .catch((error: unknown) => {
        listening = null;
        throw error;
      });
    return listening;
  };

  const remove = (id: string, listener: Listener) => {
    const set = listeners.get(id);
    set?.delete(listener);
    if (set?.size === 0) listeners.delete(id);
  };

  return {
    async subscribe(id, onEvent) {
      // A wrapper of its own, so that one function subscribed twice is removed once per subscription.
      const listener: Listener = (event) => onEvent(event);
      const set = listeners.get(id) ?? new Set<Listener>();
      listeners.set(id, set.add(listener));
      try {
        await startListening();
      } catch (error) {
        remove(id, listener);
        throw error;
      }
      return () => remove(id, listener);
    },
    async close() {
      const stop = listening;
      listening = null;
      listeners.clear();
      if (stop) await (await stop.catch(() => async () => {}))();
    },
  };
}

/** Why a watch's wait ended: a change was announced, its time ran out, or its signal aborted. */
export type WatchWake = "changed" | "timeout" | "aborted";

/**
 * A follower's view of one submission's events: `next()` resolves at the next announced change (at once
 * when one came since the last call), at the timeout, or on abort. A follower subscribes BEFORE it first
 * reads the submission and reads again after each wake, so no change between its reads is lost. When the
 * LISTEN could not start, or its connection dropped and missed an event, nothing hangs: `next()` still
 * wakes at its timeout (at most every second when unheard), and the follower reads again.
 */
export interface SubmissionWatch {
  /** True when the LISTEN is active (false: the watch wakes on a short timer instead). */
  readonly heard: boolean;
  next(options: { timeoutMs: number; signal?: AbortSignal }): Promise<WatchWake>;
  close(): void;
}

/** Starts watching submission `id` on `hub`; resolves once any change from now on will be seen. */
export async function watchSubmission(hub: SubmissionEventHub, id: string): Promise<SubmissionWatch> {
  let pending = false;
  let wake: (() => void) | null = null;
  const onEvent = () => {
    pending = true;
    wake?.();
  };
  let unsubscribe: (() => void) | null = null;
  try {
    unsubscribe = await hub.subscribe(id, onEvent);
  } catch (error) {
    console.warn("Could not LISTEN for submission events; following by reading again", error);
  }
  const heard = unsubscribe !== null;
  return {
    heard,
    next({ timeoutMs, signal }) {
      if (signal?.aborted) return Promise.resolve("aborted");
      if (pending) {
        pending = false;
        return Promise.resolve("changed");
      }
      return new Promise<WatchWake>((resolve) => {
        const finish = (why: WatchWake) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          wake = null;
          if (why === "changed") pending = false;
          resolve(why);
        };
        const onAbort = () => finish("aborted");
        const timer = setTimeout(() => finish("timeout"), heard ? timeoutMs : Math.min(timeoutMs, UNHEARD_RECHECK_MS));
        signal?.addEventListener("abort", onAbort, { once: true });
        wake = () => finish("changed");
      });
    },
    close() {
      unsubscribe?.();
      unsubscribe = null;
      wake = null;
    },
  };
}

/**
 * Resolves to the first event of submission `id` whose status is not `knownStatus`, or null at the
 * timeout or on abort. Subscribes at once: a caller that reads the submission after calling it (not
 * before) misses no change.
 */
export async function waitForSubmissionChange(
  hub: SubmissionEventHub,
  id: string,
  knownStatus: SubmissionEvent["status"],
  { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
): Promise<SubmissionEvent | null> {
  let done: (event: SubmissionEvent | null) => void = () => {};
  const result = new Promise<SubmissionEvent | null>((resolve) => (done = resolve));
  const unsubscribe = await hub.subscribe(id, (event) => {
    if (event.status !== knownStatus) done(event);
  });
  const timer = setTimeout(() => done(null), timeoutMs);
  const onAbort = () => done(null);
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) done(null);
  try {
    return await result;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    unsubscribe();
  }
}

// Next.js may evaluate this module in several bundles of one process: one hub, one LISTEN, per process.
const globalStore = globalThis as typeof globalThis & { __tensorgradeSubmissionEvents?: SubmissionEventHub };

/** The process's hub, on the process's database handle. */
export function submissionEventHub(): SubmissionEventHub {
  globalStore.__tensorgradeSubmissionEvents ??= createSubmissionEventHub(getDatabase);
  return globalStore.__tensorgradeSubmissionEvents;
}

/** Stops the process's hub and forgets it (the next use starts a new one): for shutdown and tests. */
export async function closeSubmissionEventHub(): Promise<void> {
  const hub = globalStore.__tensorgradeSubmissionEvents;
  globalStore.__tensorgradeSubmissionEvents = undefined;
  await hub?.close();
}
