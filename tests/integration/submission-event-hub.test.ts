import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createSubmissionEventHub, watchSubmission, type SubmissionEventHub } from "@/lib/events/hub";
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
    onEvent(event: SubmissionEvent | null) {
      if (event) events.push(event);
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
      listen: (channel, onPayload, onListen) => {
        listens += 1;
        return handle.listen(channel, onPayload, onListen);
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
  });

  it.skipIf(backend.name !== "postgres")("wakes every watch to read again when the LISTEN's connection dropped and came back", async () => {
    const watch = await watchSubmission(hub, A);
    expect(watch.heard).toBe(true);
    // NOTIFYs sent while postgres.js re-LISTENs are lost: the followers must read again, not wait for a heartbeat.
    await handle.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
    );
    expect(await watch.next({ timeoutMs: 60_000 })).toBe("changed");
    watch.close();
    // Listening again, on the same single LISTEN.
    const a = collector();
    const stop = await hub.subscribe(A, a.onEvent);
    await commit({ id: A, status: "graded" });
    await a.until(1);
    expect(a.events.at(-1)).toEqual({ id: A, status: "graded" });
    stop();
  });
});

/** A handle whose LISTEN the test starts, drops and restarts by hand. */
function fakeListen() {
  const control = { started: null as (() => void) | null, relisten: () => {}, attempts: 0 };
  const open = async () => ({
    listen: (_channel: string, _onPayload: (payload: string) => void, onListen?: () => void) => {
      control.attempts += 1;
      control.relisten = () => onListen?.();
      return new Promise<() => Promise<void>>((resolve) => {
        control.started = () => {
          onListen?.();
          resolve(async () => {});
        };
      });
    },
  });
  return { control, open };
}

describe("a hub whose LISTEN restarts", () => {
  it("wakes every watch at each re-LISTEN (events in between were lost), not at the first LISTEN", async () => {
    const { control, open } = fakeListen();
    const hub = createSubmissionEventHub(open);
    const watching = Promise.all([watchSubmission(hub, A), watchSubmission(hub, B)]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    control.started!();
    const watches = await watching;
    expect(watches.map((watch) => watch.heard)).toEqual([true, true]);
    const controller = new AbortController();
    const quiet = watches[0]!.next({ timeoutMs: 60_000, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await quiet).toBe("aborted");

    control.relisten();
    expect(await Promise.all(watches.map((watch) => watch.next({ timeoutMs: 60_000 })))).toEqual(["changed", "changed"]);
    for (const watch of watches) watch.close();
    await hub.close();
  });
});

describe("a hub whose LISTEN is slow to start", () => {
  it("lets a watch follow unheard after a short wait, then heard once the LISTEN started, with one more read", async () => {
    const { control, open } = fakeListen();
    const hub = createSubmissionEventHub(open);
    const watch = await watchSubmission(hub, A, { startWaitMs: 10 });
    expect(watch.heard).toBe(false);
    // Unheard: a wake every second at most, whatever the timeout.
    expect(await watch.next({ timeoutMs: 60_000 })).toBe("timeout");
    control.started!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(watch.heard).toBe(true);
    expect(await watch.next({ timeoutMs: 60_000 })).toBe("changed");
    expect(control.attempts).toBe(1);
    watch.close();
    await hub.close();
  });
});

describe("a hub whose LISTEN cannot start", () => {
  it("refuses the subscription, tries again at the next, and its watches still wake to read again", async () => {
    let attempts = 0;
    const hub = createSubmissionEventHub(
      async () => {
        attempts += 1;
        throw new Error("connection refused");
      },
      { retryAfterMs: 0 },
    );
    await expect(hub.subscribe(A, () => {})).rejects.toThrow("connection refused");
    const watch = await watchSubmission(hub, A);
    expect(watch.heard).toBe(false);
    expect(attempts).toBe(2);
    expect(await watch.next({ timeoutMs: 60_000 })).toBe("timeout");
    watch.close();
  });

  it("does not try again before its retry delay: every follow meanwhile is refused at once", async () => {
    let attempts = 0;
    const hub = createSubmissionEventHub(async () => {
      attempts += 1;
      throw new Error("connection refused");
    });
    await expect(hub.subscribe(A, () => {})).rejects.toThrow("connection refused");
    await expect(hub.subscribe(B, () => {})).rejects.toThrow("connection refused");
    expect((await watchSubmission(hub, A)).heard).toBe(false);
    expect(attempts).toBe(1);
  });
});
