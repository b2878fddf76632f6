import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * The second app of timed-exam.spec.ts (same build, its own port and data directory), which that spec
 * stops and starts. Its first start (a fresh database: migrations, exercises, demo data) takes about a
 * minute, so the run's global setup begins it in the background while the other specs run; the spec
 * waits for it (TIMED_APP_PID) or, when nobody began it, starts it itself.
 */

export const TIMED_PORT = Number(process.env.E2E_TIMED_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 10);
export const TIMED_BASE = `http://localhost:${TIMED_PORT}`;
const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = ".data/e2e-timed";
/** The app's output, for the errors below (the directory of the data, outside the data itself). */
const LOG_FILE = path.join(ROOT, ".data", "e2e-timed.log");
/** Where global setup leaves the pid of the app it began. */
export const PID_VARIABLE = "TIMED_APP_PID";

/** Starts the app (with a fresh data directory when `fresh`); its output goes to LOG_FILE. */
export function spawnTimedApp({ fresh }: { fresh: boolean }): ChildProcess {
  if (fresh) rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const log = openSync(LOG_FILE, fresh ? "w" : "a");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(TIMED_PORT), DATA_DIR, DATABASE_URL: "", NEXTAUTH_URL: TIMED_BASE, LOG_LEVEL: "warn", SHUTDOWN_TIMEOUT_SECONDS: "5" },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  return child;
}

/** Whether `pid` still runs: an exited process that its parent (global setup's, for a worker) has not reaped yet counts as gone. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (name) state ..."; Z is a zombie.
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)?.[0] !== "Z";
  } catch {
    return true;
  }
};

const logTail = () => {
  try {
    return readFileSync(LOG_FILE, "utf8").slice(-4000);
  } catch {
    return "(no log)";
  }
};

/** Resolves once the app with `pid` answers its sign-in page; throws if it exits or does not come up in time. */
export async function waitForTimedApp(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) throw new Error(`the second app exited:\n${logTail()}`);
    const up = await fetch(`${TIMED_BASE}/signin`).then((response) => response.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the second app did not come up on ${TIMED_BASE}:\n${logTail()}`);
}

/** SIGTERM, then SIGKILL after 40 s; resolves once the process is gone. */
export async function stopTimedApp(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const killAt = Date.now() + 40_000;
  while (alive(pid)) {
    if (Date.now() > killAt) process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
