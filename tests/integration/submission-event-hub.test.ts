import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createSubmissionEventHub, waitForSubmissionChange, watchSubmission, type SubmissionEventHub } from "@/lib/events/hub";
import { notifySubmissionEvent, type SubmissionEvent } from "@/lib/events/submission-events";
import { testBackends } from "../helpers/test-database";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

/** Collects the events a subscription receives; `until(n)` resolves once it holds n of them. */
function collector() {
  const events: SubmissionEvent[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  return {
    events,
    onEvent(event: SubmissionEvent) {
      events.push(event);
      for (const w of waiting.filter((w) => events.length >= w.count)) w.resolve();
    },
    until(count: number) {
      return events.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
    },
  };
}

describe.each(testBackends())("submission event hub on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let hub: SubmissionEventHub;
  let listens = 0;

  const commit = (event: SubmissionEvent) => handle.db.transaction((tx) => notifySubmissionEvent(tx, event));

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    hub = createSubmissionEventHub(async () => ({
      listen: (channel, onPayload) => {
        listens += 1;
        return handle.listen(channel, onPayload);
      },
    }));
  });
  afterAll(async () => {
    await hub?.close();
    await drop?.();
  });

  it("hands a committed change to the followers of that submission only, with one LISTEN for all of them", async () => {
    const a = collector();
    const b = collector();
    const [stopA, stopB] = await Promise.all([hub.subscribe(A, a.onEvent), hub.subscribe(B, b.onEvent)]);
    await commit({ id: A, status: "running" });
    await commit({ id: B, status: "graded" });
    // NOTIFYs arrive in commit order: once B's came, A's had come before it.
    await b.until(1);
    await a.until(1);
    expect(a.events).toEqual([{ id: A, status: "running" }]);
    expect(b.events).toEqual([{ id: B, status: "graded" }]);
    expect(listens).toBe(1);
    stopA();
    stopB();
  });

  it("never announces a change whose transaction rolled back", async () => {
    const a = collector();
    const stop = await hub.subscribe(A, a.onEvent);
    await expect(
      handle.db.transaction(async (tx) => {
        await notifySubmissionEvent(tx, { id: A, status: "error" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await commit({ id: A, status: "graded" });
    await a.until(1);
    expect(a.events).toEqual([{ id: A, status: "graded" }]);
    stop();
  });

  it("stops handing events to a subscription that ended, and keeps the others", async () => {
    const gone = collector();
    const kept = collector();
    const stopGone = await hub.subscribe(A, gone.onEvent);
    const stopKept = await hub.subscribe(A, kept.onEvent);
    stopGone();
    stopGone(); // twice is harmless
    await commit({ id: A, status: "running" });
    await kept.until(1);
    expect(gone.events).toEqual([]);
    stopKept();
  });

  it("wakes a watch at a change that came before it asked, and waits for a change of status", async () => {
    const watch = await watchSubmission(hub, A);
    expect(watch.heard).toBe(true);
    await commit({ id: A, status: "running" });
    expect(await watch.next({ timeoutMs: 30_000 })).toBe("changed");
    const controller = new AbortController();
    const waiting = watch.next({ timeoutMs: 30_000, signal: controller.signal });
    controller.abort();
    expect(await waiting).toBe("aborted");
    watch.close();

    const change = waitForSubmissionChange(hub, B, "queued", { timeoutMs: 30_000 });
    // The hub is already listening: the subscription is in place once this tick is over.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await commit({ id: B, status: "queued" });
    await commit({ id: B, status: "graded" });
    expect(await change).toEqual({ id: B, status: "graded" });
  });
});

describe("a hub whose LISTEN cannot start", () => {
  it("refuses the subscription, tries again at the next, and its watches still wake to read again", async () => {
    let attempts = 0;
    const hub = createSubmissionEventHub(async () => {
      attempts += 1;
      throw new Error("connection refused");
    });
    await expect(hub.subscribe(A, () => {})).rejects.toThrow("connection refused");
    const watch = await watchSubmission(hub, A);
    expect(watch.heard).toBe(false);
    expect(attempts).toBe(2);
    expect(await watch.next({ timeoutMs: 60_000 })).toBe("timeout");
    watch.close();
  });
});
