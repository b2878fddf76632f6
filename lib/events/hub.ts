import { getDatabase, type DatabaseHandle } from "../db";
import { getLogger } from "../logging/logger";
import { SUBMISSION_EVENTS_CHANNEL, parseSubmissionEvent, type SubmissionEvent } from "./submission-events";

/** A change of the submission, or null: changes may have been missed (the LISTEN restarted), read again. */
type Listener = (event: SubmissionEvent | null) => void;

/** When the LISTEN is down (it could not start), how often a watch wakes its follower to read again. */
const UNHEARD_RECHECK_MS = 1_000;
/** After the LISTEN failed to start, how long subscriptions are refused before it is tried again. */
export const LISTEN_RETRY_MS = 30_000;
/** How long a watch waits for the LISTEN to start before it follows unheard (it may connect later). */
export const LISTEN_START_WAIT_MS = 1_000;

/**
 * One process's door to the submission events: ONE `LISTEN` on the database, started with the first
 * subscriber, handing each committed change of a submission to those following that submission.
 */
export interface SubmissionEventHub {
  /**
   * Calls `onEvent` with every change of submission `id` committed from now on, and with null when
   * changes may have been lost (the LISTEN's connection dropped and came back). Resolves once the LISTEN
   * is active (so a read made after it misses nothing) to the function that ends the subscription;
   * rejects when the LISTEN cannot start (tried again at a subscription `retryAfterMs` later).
   */
  subscribe(id: string, onEvent: Listener): Promise<() => void>;
  /** Stops listening (tests; the process's hub lives as long as the process). */
  close(): Promise<void>;
}

/** A hub on the LISTEN of the handle `open` resolves to (opened at the first subscription). */
export function createSubmissionEventHub(
  open: () => Promise<Pick<DatabaseHandle, "listen">>,
  { retryAfterMs = LISTEN_RETRY_MS }: { retryAfterMs?: number } = {},
): SubmissionEventHub {
  const listeners = new Map<string, Set<Listener>>();
  let listening: Promise<() => Promise<void>> | null = null;
  let lastFailure: { at: number; error: unknown } | null = null;

  const call = (listener: Listener, event: SubmissionEvent | null) => {
    try {
      listener(event);
    } catch (error) {
      getLogger().error({ err: error }, "a submission event listener failed");
    }
  };
  const dispatch = (payload: string) => {
    const event = parseSubmissionEvent(payload);
    if (!event) return;
    for (const listener of [...(listeners.get(event.id) ?? [])]) call(listener, event);
  };
  const wakeEveryone = () => {
    for (const set of [...listeners.values()]) for (const listener of [...set]) call(listener, null);
  };

  const startListening = () => {
    if (listening) return listening;
    // A database that refused (or timed out) a moment ago is not asked again by every follow.
    if (lastFailure && Date.now() - lastFailure.at < retryAfterMs) return Promise.reject(lastFailure.error);
    let starts = 0;
    // Every start after the first is a re-LISTEN after a dropped connection: NOTIFYs in between are lost.
    const onListen = () => {
      starts += 1;
      if (starts > 1) wakeEveryone();
    };
    const started = open()
      .then((handle) => handle.listen(SUBMISSION_EVENTS_CHANNEL, dispatch, onListen))
      .then(
        (stop) => {
          lastFailure = null;
          return stop;
        },
        (error: unknown) => {
          if (listening === started) listening = null;
          lastFailure = { at: Date.now(), error };
          throw error;
        },
      );
    listening = started;
    return started;
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
 * LISTEN's connection dropped and came back, `next()` wakes (events in between were lost); when the
 * LISTEN could not start, it wakes at least every second (unheard), and the follower reads again.
 */
export interface SubmissionWatch {
  /** True when the LISTEN is active (false: the watch wakes on a short timer instead). */
  readonly heard: boolean;
  next(options: { timeoutMs: number; signal?: AbortSignal }): Promise<WatchWake>;
  close(): void;
}

/**
 * Starts watching submission `id` on `hub`; resolves once any change from now on will be seen, or after
 * `startWaitMs` unheard (the LISTEN is slow to start, or down): the watch then wakes every second, and
 * once the LISTEN starts it is heard, after one more wake to read what came in between.
 */
export async function watchSubmission(
  hub: SubmissionEventHub,
  id: string,
  { startWaitMs = LISTEN_START_WAIT_MS }: { startWaitMs?: number } = {},
): Promise<SubmissionWatch> {
  let pending = false;
  let wake: (() => void) | null = null;
  let closed = false;
  let heard = false;
  let waitedOut = false;
  let unsubscribe: (() => void) | null = null;
  const onEvent = () => {
    pending = true;
    wake?.();
  };
  const subscribed = hub.subscribe(id, onEvent).then(
    (stop) => {
      if (closed) return stop();
      unsubscribe = stop;
      heard = true;
      // Started late: a change may have come since the follower's last unheard read, so it reads once more.
      if (waitedOut) onEvent();
    },
    (error: unknown) => {
      if (!closed) getLogger().warn({ err: error }, "could not LISTEN for submission events; following by reading again");
    },
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    subscribed,
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        waitedOut = true;
        resolve();
      }, startWaitMs);
    }),
  ]);
  clearTimeout(timer);
  return {
    get heard() {
      return heard;
    },
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
      closed = true;
      unsubscribe?.();
      unsubscribe = null;
      wake = null;
    },
  };
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
