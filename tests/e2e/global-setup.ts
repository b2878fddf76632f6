import { PID_VARIABLE, spawnTimedApp, stopTimedApp } from "./timed-app";

const TIMED_SPEC = "tests/e2e/timed-exam.spec.ts";

/** Whether this run's file filters (if any) take in timed-exam.spec.ts. */
function runsTimedSpec(): boolean {
  const afterTest = process.argv.slice(process.argv.indexOf("test") + 1);
  const filters = afterTest.filter((arg) => !arg.startsWith("-"));
  if (filters.length === 0) return true;
  return filters.some((filter) => {
    try {
      return new RegExp(filter).test(TIMED_SPEC);
    } catch {
      return TIMED_SPEC.includes(filter);
    }
  });
}

/**
 * Begins the timed-exam spec's own app in the background (see timed-app.ts) while the other specs run;
 * the teardown it returns stops that app if the spec did not (a failed spec, or one left out by -g).
 */
export default function globalSetup() {
  if (!runsTimedSpec()) return;
  const child = spawnTimedApp({ fresh: true });
  if (child.pid === undefined) return;
  process.env[PID_VARIABLE] = String(child.pid);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) await stopTimedApp(child.pid!);
  };
}
