import pino, { type Logger } from "pino";

export type { Logger } from "pino";

const store = globalThis as typeof globalThis & { __tensorgradeLogger?: Logger };

/**
 * The process-wide structured logger: one JSON line per event on stdout, with the process role
 * (`app` or `worker`) on every line. `LOG_LEVEL` sets the level (default `info`; `silent` in tests).
 */
export function getLogger(): Logger {
  store.__tensorgradeLogger ??= pino({
    level: process.env.LOG_LEVEL?.trim() || (process.env.VITEST ? "silent" : "info"),
    base: { pid: process.pid, role: process.env.TENSORGRADE_ROLE ?? "app" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return store.__tensorgradeLogger;
}

/** A child logger whose every line carries the submission id (and any other bindings). */
export function submissionLogger(submissionId: string, bindings: Record<string, unknown> = {}, parent: Logger = getLogger()): Logger {
  return parent.child({ submissionId, ...bindings });
}
