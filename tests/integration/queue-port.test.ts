/**
 * The queue port's contract (lib/queue/port.ts), on its adapter: sent in the sender's transaction,
 * delivered again after a failure up to the retry limit, then handed to the dead letter; completed
 * in the handler's transaction; a malformed payload dropped. Job types of its own, not the app's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/client";
import { getLogger } from "@/lib/logging/logger";
import { openPgBossQueue } from "@/lib/queue/pg-boss/adapter";
import { RetryJobError, sendJob, setActiveQueue, type JobDefinition, type JobQueue, type JobType, type RetryPolicy } from "@/lib/queue/port";
import { jobsOf, queueBackends, waitFor } from "./queue-fixtures";

const Payload = z.object({ n: z.number().int() }).strict();
type Payload = z.infer<typeof Payload>;

const retry: RetryPolicy = { limit: 1, delaySeconds: 0, backoff: false, heartbeatSeconds: 10, expireSeconds: 60 };

/** What each `n` does on a delivery: what the handler below runs. */
type Script = (payload: Payload, attempt: number, complete: (commit: boolean) => Promise<void>) => Promise<void>;

describe.each(queueBackends())("the queue port on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let queue: JobQueue;
  const deliveries: Array<{ n: number; attempt: number; final: boolean }> = [];
  const deadLetters: number[] = [];
  const scripts = new Map<number, Script>();

  const echo: JobDefinition<Payload, { scripts: Map<number, Script> }> = {
    name: "port-test-echo",
    payload: Payload,
    retry,
    async handle(context, payload, delivery) {
      deliveries.push({ n: payload.n, attempt: delivery.attempt, final: delivery.final });
      const complete = (commit: boolean) =>
        context.db
          .transaction(async (tx) => {
            await delivery.completeIn(tx);
            if (!commit) throw new Error("rolled back");
          })
          .catch((error: unknown) => {
            if (commit) throw error;
          });
      await context.scripts.get(payload.n)?.(payload, delivery.attempt, complete);
      return { echoed: payload.n };
    },
    async onDeadLetter(_context, payload) {
      deadLetters.push(payload.n);
    },
  };
  /** Sent, never consumed. */
  const idle: JobType<Payload> = { name: "port-test-idle", payload: Payload };

  const send = (n: number) => handle.db.transaction((tx) => queue.send(tx, echo, { n }));
  const deliveriesOf = (n: number) => deliveries.filter((delivery) => delivery.n === n);
  const storedOf = async (type: JobType<unknown>, n: number) => (await jobsOf(handle.db, type)).filter((job) => (job.data as { n?: number }).n === n);

  beforeAll(async () => {
    const created = await backend.create();
    ({ handle, drop } = created);
    queue = await openPgBossQueue({
      database: handle,
      databaseUrl: created.url,
      instanceName: `port-test-${backend.name}`,
      jobs: [echo, { ...echo, ...idle }],
      log: getLogger(),
    });
    setActiveQueue(queue);
    await queue.consume([echo], { scripts }, { concurrency: 2, log: getLogger() });
  });

  afterAll(async () => {
    await queue?.stop(2_000);
    setActiveQueue(undefined);
    await drop?.();
  });

  it("sends a job only when the sending transaction commits, and delivers it once", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await queue.send(tx, echo, { n: 1 });
        throw new Error("the insert failed");
      }),
    ).rejects.toThrow("the insert failed");
    await send(2);
    await waitFor(async () => ((await storedOf(echo, 2))[0]?.state === "completed" ? true : undefined), 20_000, "job 2 to complete");
    expect(deliveriesOf(2)).toEqual([{ n: 2, attempt: 1, final: false }]);
    expect(deliveriesOf(1)).toEqual([]);
    expect(await storedOf(echo, 1)).toEqual([]);
  });

  // Slow by pg-boss's design: a retry or a dead letter sends no NOTIFY, so each waits for a worker's
  // fallback poll (10 s for work queues, pg-boss's default 30 s for dead letters).
  it("delivers a failing job again up to its retry limit, the last delivery final, then to its dead letter once", { timeout: 90_000 }, async () => {
    scripts.set(3, async () => {
      throw new RetryJobError("the grader crashed");
    });
    await send(3);
    await waitFor(async () => (deadLetters.includes(3) ? true : undefined), 80_000, "job 3's dead letter");
    expect(deliveriesOf(3)).toEqual([
      { n: 3, attempt: 1, final: false },
      { n: 3, attempt: 2, final: true },
    ]);
    expect(await storedOf(echo, 3)).toMatchObject([{ state: "failed", retryCount: retry.limit }]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(deadLetters.filter((n) => n === 3)).toEqual([3]);
  });

  it("completes a delivery in the handler's transaction: a rolled-back write completes nothing", async () => {
    scripts.set(4, async (_payload, attempt, complete) => {
      if (attempt === 1) {
        await complete(false);
        throw new RetryJobError("the score's transaction rolled back");
      }
      await complete(true);
    });
    await send(4);
    await waitFor(async () => ((await storedOf(echo, 4))[0]?.state === "completed" ? true : undefined), 20_000, "job 4 to complete");
    expect(deliveriesOf(4).map((delivery) => delivery.attempt)).toEqual([1, 2]);
    expect(await storedOf(echo, 4)).toMatchObject([{ state: "completed", retryCount: 1 }]);
  });

  it("drops a malformed payload without handing it to the handler or retrying it", async () => {
    await handle.db.transaction((tx) => queue.send(tx, echo, { n: 5, extra: true } as unknown as Payload));
    await waitFor(async () => ((await storedOf(echo, 5))[0]?.state === "completed" ? true : undefined), 20_000, "job 5 to be dropped");
    expect(deliveriesOf(5)).toEqual([]);
    expect(await storedOf(echo, 5)).toMatchObject([{ state: "completed", retryCount: 0 }]);
  });

  it("checks a payload against its type's schema when it is sent", async () => {
    await expect(handle.db.transaction((tx) => sendJob(tx, idle, { n: 1.5 }))).rejects.toThrow();
    await handle.db.transaction((tx) => sendJob(tx, idle, { n: 6 }));
    expect(await storedOf(idle, 6)).toMatchObject([{ state: "created", retryCount: 0 }]);
  });

  it("sends a batch larger than one statement's slice in one transaction", async () => {
    const payloads = Array.from({ length: 1_201 }, (_, i) => ({ n: 1_000 + i }));
    await handle.db.transaction((tx) => queue.sendBatch(tx, idle, payloads));
    const stored = (await jobsOf(handle.db, idle)).filter((job) => ((job.data as { n?: number }).n ?? 0) >= 1_000);
    expect(stored).toHaveLength(1_201);
  });

  it("reports facts about a job type's queue, and null for a queue that does not exist", async () => {
    expect(await queue.inspect(echo)).toEqual({ failed: expect.any(Number) });
    expect(await queue.inspect({ name: "port-test-missing", payload: Payload })).toBeNull();
  });
});
