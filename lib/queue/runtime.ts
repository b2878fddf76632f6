import type { PgBoss } from "pg-boss";
import type { Logger } from "../logging/logger";
import type { Consumer } from "./consumer";

/**
 * Graceful stop of a queue consumer: take no new job, give the jobs in hand up to `timeoutMs` to
 * finish, then fail what still runs so that another worker retries it (pg-boss's graceful stop).
 */
export async function stopQueue(boss: PgBoss, consumer: Consumer | null, timeoutMs: number, log: Logger): Promise<void> {
  consumer?.markStopping();
  const started = Date.now();
  await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  log.info({ ms: Date.now() - started }, "queue stopped");
}
