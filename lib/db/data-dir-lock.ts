import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

const LOCK_FILE = "pglite.lock";

/**
 * Claims an embedded data directory for this process. PGlite has no locking of its own, and a second
 * process on the same files (another `npm start`, `npm run seed` while the app runs) would see other
 * data or corrupt it. A lock left by a process that no longer exists is taken over.
 * Returns the function that releases the claim.
 */
export function claimDataDir(dataDir: string, pid = process.pid): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, String(pid));
      closeSync(fd);
      const release = () => releaseIfOurs(lockPath, pid);
      process.once("exit", release);
      return () => {
        process.off("exit", release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder !== null && holder !== pid && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder} (another \`npm start\` or \`npm run seed\`?). ` +
            "Stop that process first, or set DATA_DIR to another folder.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not claim the embedded database in ${dataDir}: its lock file ${lockPath} keeps coming back.`);
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(lockPath: string, pid: number): void {
  if (readHolder(lockPath) === pid) rmSync(lockPath, { force: true });
}
