/**
 * Follows a submission until it is final, by push: the Server-Sent Events of
 * /api/submissions/[id]/events. Where those do not arrive (no EventSource, an error, or a proxy that
 * buffers the stream so nothing comes within FIRST_EVENT_MS, or a stream silent for STREAM_SILENCE_MS), by
 * long-poll: GET /api/submissions/[id]?after=<last status>, which answers when the status changes (a 429,
 * too many follows open at once, is asked again after its Retry-After).
 */

/** The fields of a submission's state this module reads; the server sends the whole view. */
interface FollowedState {
  status: "queued" | "running" | "graded" | "error";
}

/** How long the stream may stay silent after it opened before it is taken as buffered. */
export const FIRST_EVENT_MS = 1_500;
/** How long a stream that spoke may then go without an event (the server pings every 15 s) before it is taken as dead. */
export const STREAM_SILENCE_MS = 20_000;
/** How long to wait before asking again after a 429 without a Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 3;

const isFinal = (state: FollowedState) => state.status === "graded" || state.status === "error";

/**
 * Hands each state of submission `id` to `onState` until a final one: resolves true then, false when
 * the submission could not be read (its error is for the caller to show) or `signal` aborted.
 */
export async function followSubmission<State extends FollowedState>(
  id: string,
  onState: (state: State) => void,
  signal: AbortSignal,
): Promise<boolean> {
  const pushed = await followByEvents(id, onState, signal);
  if (pushed.final) return true;
  if (signal.aborted) return false;
  // A submission just sent is queued (or graded already, a quiz): the first long-poll answers at any other state.
  return followByLongPoll(id, pushed.lastStatus ?? "queued", onState, signal);
}

function followByEvents<State extends FollowedState>(
  id: string,
  onState: (state: State) => void,
  signal: AbortSignal,
): Promise<{ final: boolean; lastStatus: State["status"] | null }> {
  return new Promise((resolve) => {
    if (typeof EventSource === "undefined" || signal.aborted) return resolve({ final: false, lastStatus: null });
    let lastStatus: State["status"] | null = null;
    const source = new EventSource(`/api/submissions/${id}/events`);
    const finish = (final: boolean) => {
      clearTimeout(silence);
      signal.removeEventListener("abort", onAbort);
      source.close();
      resolve({ final, lastStatus });
    };
    const onAbort = () => finish(false);
    let silence = setTimeout(() => finish(false), FIRST_EVENT_MS);
    // Any event (ready, ping, a state) says the stream is alive and unbuffered: the watchdog starts over.
    const alive = () => {
      clearTimeout(silence);
      silence = setTimeout(() => finish(false), STREAM_SILENCE_MS);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    source.addEventListener("ready", alive);
    source.addEventListener("ping", alive);
    source.addEventListener("submission", (message) => {
      alive();
      const state = JSON.parse((message as MessageEvent<string>).data) as State;
      lastStatus = state.status;
      onState(state);
      if (isFinal(state)) finish(true);
    });
    // A refusal, a dropped connection, or the end of the stream's lifetime: the long-poll takes over.
    source.addEventListener("error", () => finish(false));
  });
}

async function followByLongPoll<State extends FollowedState>(
  id: string,
  after: State["status"],
  onState: (state: State) => void,
  signal: AbortSignal,
): Promise<boolean> {
  while (!signal.aborted) {
    const response = await fetch(`/api/submissions/${id}?after=${after}`, { cache: "no-store", signal });
    if (response.status === 429) {
      // Too many follows open at once (other tabs): one of them ends soon, then this one may follow.
      await pause((Number(response.headers.get("Retry-After")) || DEFAULT_RETRY_AFTER_SECONDS) * 1000, signal);
      continue;
    }
    if (!response.ok) return false;
    const state = (await response.json()) as State;
    onState(state);
    if (isFinal(state)) return true;
    after = state.status;
  }
  return false;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
