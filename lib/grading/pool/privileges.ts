/** Defence in depth for grader children: no root, no secrets in the environment. */
import { spawnSync } from "node:child_process";

export const NOBODY = 65534;

/** Switches a root process to nobody:nogroup; a no-op for any other user. */
export function dropPrivileges(): void {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  process.setgroups?.([]);
  process.setgid?.(NOBODY);
  process.setuid?.(NOBODY);
}

/** The environment a grader child gets: nothing inherited, so no DATABASE_URL, AUTH_SECRET or canary. */
export function scrubbedEnv(): NodeJS.ProcessEnv {
  return { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", TZ: "UTC", NODE_ENV: "production" };
}

let unshareWorks: boolean | null = null;

/** True when `unshare --net` can give a child an empty network namespace here (needs privileges). */
export function canIsolateNetwork(): boolean {
  if (unshareWorks === null) {
    const probe = spawnSync("unshare", ["--net", "--", "true"], { stdio: "ignore", timeout: 5_000 });
    unshareWorks = probe.status === 0;
  }
  return unshareWorks;
}
