/**
 * What both archive formats share once their entries are listed: the rules on paths and entry types, and
 * the package they make (one top folder `<id>/` holding files only).
 */
import { EXERCISE_ID } from "../../grading/exercise-id";
import { ARCHIVE_LIMITS, formatBytes } from "./limits";

export type EntryType = "file" | "dir" | "symlink" | "hardlink" | "device" | "other";

/** One entry as a format's reader found it; `data` only for files that passed the size limits. */
export interface ArchiveEntry {
  path: string;
  type: EntryType;
  data?: Uint8Array;
}

export type ArchiveRead = { ok: true; id: string; files: Record<string, string> } | { ok: false; errors: string[] };

const TYPE_NAMES: Record<Exclude<EntryType, "file" | "dir">, string> = {
  symlink: "a symbolic link",
  hardlink: "a hard link",
  device: "a device or FIFO",
  other: "an entry of an unsupported type",
};

/** The path's segments after a leading "./", or a message saying why the path is refused. */
function splitPath(raw: string): { segments: string[] } | { error: string } {
  if (raw.includes("\\")) return { error: "a path with a backslash is not allowed" };
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) return { error: "an absolute path is not allowed" };
  if (raw.includes("\0")) return { error: "a path with a NUL character is not allowed" };
  const segments = raw.replace(/\/+$/, "").split("/");
  while (segments[0] === "." && segments.length > 1) segments.shift();
  if (segments.includes("..")) return { error: "a path with '..' is not allowed" };
  if (segments.some((segment) => segment === "" || segment === ".")) return { error: "a path with an empty or '.' segment is not allowed" };
  return { segments };
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** What macOS's Finder adds to every archive it makes (resource forks, folder settings): never package content. */
function isFinderMetadata(raw: string): boolean {
  const segments = raw.split("/");
  return segments[0] === "__MACOSX" || segments.at(-1) === ".DS_Store" || (segments.at(-1) === "" && segments.at(-2) === "__MACOSX");
}

/** The package an archive's entries make, or every problem found, each naming its entry. */
export function packageFromEntries(entries: ArchiveEntry[], errors: string[]): ArchiveRead {
  const files: Record<string, string> = {};
  const tops = new Set<string>();
  let fileCount = 0;
  for (const entry of entries) {
    if (entry.path === "." || entry.path === "./" || isFinderMetadata(entry.path)) continue;
    const split = splitPath(entry.path);
    if ("error" in split) {
      errors.push(`${entry.path}: ${split.error}`);
      continue;
    }
    if (entry.type !== "file" && entry.type !== "dir") {
      errors.push(`${entry.path}: ${TYPE_NAMES[entry.type]} is not allowed`);
      continue;
    }
    const [top = "", ...rest] = split.segments;
    tops.add(top);
    if (entry.type === "dir") {
      if (rest.length > 0) errors.push(`${entry.path}: a nested folder is not allowed (a package's files sit directly in its folder)`);
      continue;
    }
    if (rest.length === 0) {
      errors.push(`${entry.path}: a file outside the package's folder is not allowed (pack the folder <id>/)`);
      continue;
    }
    if (rest.length > 1) {
      errors.push(`${entry.path}: a file in a nested folder is not allowed (a package's files sit directly in its folder)`);
      continue;
    }
    const name = rest[0] ?? "";
    fileCount++;
    if (Object.hasOwn(files, name)) {
      errors.push(`${entry.path}: the archive holds this file twice`);
      continue;
    }
    if (!entry.data) continue;
    try {
      files[name] = decoder.decode(entry.data);
    } catch {
      errors.push(`${entry.path}: not UTF-8 text`);
    }
  }
  if (fileCount > ARCHIVE_LIMITS.maxFiles) errors.push(`(archive): ${fileCount} files, more than the ${ARCHIVE_LIMITS.maxFiles} a package may hold`);
  if (tops.size > 1) errors.push(`(archive): more than one top folder (${[...tops].sort().join(", ")}); a package archive holds one folder <id>/`);
  const [id] = tops;
  if (id === undefined) {
    if (errors.length === 0) errors.push("(archive): no package folder inside");
  }
  else if (!EXERCISE_ID.test(id)) errors.push(`${id}/: the folder name is not an exercise id (kebab-case)`);
  if (errors.length > 0 || id === undefined) return { ok: false, errors };
  return { ok: true, id, files };
}

/** The per-file and total size limits, checked on sizes an archive declares before anything is unpacked. */
export class SizeBudget {
  private total = 0;
  private over = false;
  constructor(private readonly errors: string[]) {}

  /** Whether an entry of `size` bytes may be unpacked; a refusal is recorded as an error naming it. */
  admit(path: string, size: number): boolean {
    if (size > ARCHIVE_LIMITS.maxFileBytes) {
      this.errors.push(`${path}: ${size} bytes unpacked, more than the ${formatBytes(ARCHIVE_LIMITS.maxFileBytes)} a file may hold`);
      return false;
    }
    if (this.over) return false;
    this.total += size;
    if (this.total > ARCHIVE_LIMITS.maxTotalBytes) {
      this.over = true;
      this.errors.push(`${path}: the files unpack to more than the ${formatBytes(ARCHIVE_LIMITS.maxTotalBytes)} a package may hold`);
      return false;
    }
    return true;
  }
}

/** Refuses names and ids that an archive written for a package must not carry. */
export function checkWritable(id: string, files: Record<string, string>): void {
  if (!EXERCISE_ID.test(id)) throw new Error(`"${id}" is not an exercise id`);
  for (const name of Object.keys(files)) {
    if (name === "" || name.includes("/") || name.includes("\\") || name === "." || name === "..") throw new Error(`"${name}" is not a package file name`);
  }
}
