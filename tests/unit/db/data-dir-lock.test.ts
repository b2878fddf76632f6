import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { claimDataDir } from "@/lib/db/data-dir-lock";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "tensorgrade-lock-"));

describe("claimDataDir", () => {
  it("claims a directory, refuses a second live process, and frees it on release", () => {
    const dir = freshDir();
    const release = claimDataDir(dir);
    expect(readFileSync(path.join(dir, "pglite.lock"), "utf8")).toBe(String(process.pid));
    // Another process (a live one: our parent) asking for the same directory is refused with a clear message.
    expect(() => claimDataDir(dir, process.ppid)).toThrow(/in use by process \d+.*Stop that process first, or set DATA_DIR/);
    release();
    expect(existsSync(path.join(dir, "pglite.lock"))).toBe(false);
    claimDataDir(dir, process.ppid)();
  });

  it("takes over a lock left by a process that has died", async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ["-e", "0"]);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    writeFileSync(path.join(dir, "pglite.lock"), String(deadPid));
    const release = claimDataDir(dir);
    expect(readFileSync(path.join(dir, "pglite.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an unreadable lock file", () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "pglite.lock"), "not a pid");
    claimDataDir(dir)();
  });
});
