import { getLogger } from "../logging/logger";

const store = globalThis as typeof globalThis & { __tensorgradeShutdown?: () => Promise<void> };

/**
 * On SIGTERM or SIGINT: run `cleanup` (stop taking jobs, finish or hand back those in hand, close the
 * pool and the database), then exit 0. A second signal exits at once. Installed once per process.
 * (Under `next start`, set NEXT_MANUAL_SIG_HANDLE=true so that Next leaves the signals to this.)
 */
export function installShutdown(cleanup: () => Promise<void>): void {
  const first = store.__tensorgradeShutdown === undefined;
  store.__tensorgradeShutdown = cleanup;
  if (!first) return;
  let firstSignalAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    const log = getLogger();
    if (firstSignalAt !== null) {
      if (Date.now() - firstSignalAt < 2_000) return;
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    firstSignalAt = Date.now();
    log.info({ signal }, "shutting down gracefully");
    void (store.__tensorgradeShutdown ?? (async () => {}))()
      .then(() => {
        log.info("shutdown complete");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
