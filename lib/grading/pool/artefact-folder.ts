/**
 * The private folder where one grader child writes the artefact modules it imports: made by the
 * supervisor before the child starts (so its name cannot be guessed or taken), given to the child's
 * unprivileged user, and removed when the child exits, however it dies.
 */
import { chownSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NOBODY } from "./privileges";

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules");

/** A new folder whose `node_modules` links to this installation's packages (what artefacts import). */
export function createArtefactFolder(forNobody: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tensorgrade-artefacts-"));
  symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  // The child switches to nobody before its first job (privileges.ts): the folder must be its own.
  if (forNobody && process.getuid?.() === 0) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

export function removeArtefactFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
