import { getLogger } from "../logging/logger";
import { isFinalStatus, type SubmissionFollow } from "./follow";

/**
 * A `ping` event every so often keeps proxies from closing a quiet stream and tells the browser it is
 * alive (an event, not a comment: EventSource shows a page no comment, and the page's watchdog needs it).
 */
export const HEARTBEAT_MS = 15_000;
/** A stream ends after this long whatever happens (the browser reconnects): nothing open is forgotten. */
export const STREAM_LIFETIME_MS = 120_000;

const encoder = new TextEncoder();

/**
 * The Server-Sent Events of a followed submission: a `ready` event, then `event: submission` with its
 * state at once and after each change, ending after a final state, when `signal` aborts (the client
 * left) or after `lifetimeMs`. A `ping` event between changes. Closes the follow when it ends.
 */
export function submissionEventStream(
  follow: SubmissionFollow,
  { signal, heartbeatMs = HEARTBEAT_MS, lifetimeMs = STREAM_LIFETIME_MS }: { signal?: AbortSignal; heartbeatMs?: number; lifetimeMs?: number } = {},
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  signal?.addEventListener("abort", stopAll, { once: true });
  if (signal?.aborted) stop.abort();
  const lifetime = setTimeout(stopAll, lifetimeMs);
  const end = () => {
    clearTimeout(lifetime);
    signal?.removeEventListener("abort", stopAll);
    follow.close();
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      try {
        // The reconnection delay a browser waits after the stream ends before it asks again.
        send("retry: 1000\nevent: ready\ndata: {}\n\n");
        let view = follow.initial;
        send(`event: submission\ndata: ${JSON.stringify(view)}\n\n`);
        while (!isFinalStatus(view.status) && !stop.signal.aborted) {
          const next = await follow.next({ timeoutMs: heartbeatMs, signal: stop.signal });
          if (stop.signal.aborted) break;
          if (next) {
            view = next;
            send(`event: submission\ndata: ${JSON.stringify(view)}\n\n`);
          } else {
            send("event: ping\ndata: {}\n\n");
          }
        }
      } catch (error) {
        if (!stop.signal.aborted) getLogger().error({ err: error }, "a submission event stream failed");
      } finally {
        end();
        try {
          controller.close();
        } catch {
          // Already closed by the client's leaving.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
