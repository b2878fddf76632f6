/**
 * What `npm run exercises:check` is given, told apart: an exercise id (under exercises/), a package
 * folder's path, or a .zip / .tar.gz archive of a package.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SandboxProvider } from "../../grading/sandbox/provider";
import { readArchive } from "../archive";
import { checkDataPackage, type PackageCheck } from "./check";

export type CheckTarget = { kind: "id"; id: string; root?: string } | { kind: "archive"; file: string };

const ARCHIVE = /\.(zip|tar\.gz|tgz)$/i;

/** An argument as a check target: an archive by its extension, a folder by a path with a slash, otherwise an id. */
export function checkTargetOf(arg: string): CheckTarget {
  if (ARCHIVE.test(arg)) return { kind: "archive", file: arg };
  // An id never holds a slash: "./relu" or "tests/fixtures/relu" is a folder.
  if (arg.includes("/") || arg.includes(path.sep)) {
    const dir = path.resolve(arg);
    return { kind: "id", id: path.basename(dir), root: path.dirname(dir) };
  }
  return { kind: "id", id: arg };
}

/** Unpacks an archive (with its limits) and checks the data package inside. */
export async function checkArchive(file: string, provider: SandboxProvider): Promise<PackageCheck> {
  const label = path.basename(file);
  if (!existsSync(file)) return { id: label, ok: false, lines: [{ ok: false, text: `${file}: no such file` }], warnings: [] };
  const read = readArchive(readFileSync(file));
  if (!read.ok) return { id: label, ok: false, lines: read.errors.map((text) => ({ ok: false, text })), warnings: [] };
  return checkDataPackage(read.id, read.files, provider);
}
