/**
 * The folder a grader child imports artefact modules from. The supervisor (root in production) makes
 * it, writes every module into it before it dispatches the job, and removes it when the child exits;
 * the child only reads. Everything in it belongs to the supervisor's user: the folder is 0755, each
 * module 0444 and named by its sha256 (`<moduleHash>.mjs`), and the `node_modules` link (what
 * artefacts import packages from) is the supervisor's own. Children run as nobody, all of them as the
 * same uid, so nothing a child could write may ever be imported by another child or deleted by root.
 * When the supervisor is not root (tests, development) the layout is the same, without any chown.
 */
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashModule, type GradingArtefact } from "../artefact";

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules");
const HASH = /^[0-9a-f]{64}$/;

/** A new folder, readable by every user and writable only by this process's user. */
export function createArtefactFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tensorgrade-artefacts-"));
  chmodSync(dir, 0o755);
  symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Where the module with this hash lives in a folder (the hash is checked: it becomes a file name). */
export function artefactModulePath(folder: string, moduleHash: string): string {
  if (!HASH.test(moduleHash)) throw new Error(`"${moduleHash.slice(0, 80)}" is not a module hash`);
  return path.join(folder, `${moduleHash}.mjs`);
}

/**
 * Writes an artefact's module into the folder (supervisor side), read-only, unless it is there
 * already. A module that does not match its hash is not written: the child then refuses the artefact.
 * A data package's artefact has no module: nothing is written.
 */
export function writeArtefactModule(folder: string, artefact: Pick<GradingArtefact, "module" | "moduleHash">): void {
  if (artefact.module === undefined || artefact.moduleHash === undefined) return;
  if (!HASH.test(artefact.moduleHash) || hashModule(artefact.module) !== artefact.moduleHash) return;
  const file = artefactModulePath(folder, artefact.moduleHash);
  if (existsSync(file)) return;
  // Written under a temporary name and renamed: a child never sees half a module.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, artefact.module, { mode: 0o444 });
  chmodSync(temporary, 0o444);
  renameSync(temporary, file);
}

/** Removes a folder this process made (every file in it is this process's own). */
export function removeArtefactFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
