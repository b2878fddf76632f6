/**
 * tar.gz, written and read by hand: ustar headers (plus the pax and GNU long-name records that system
 * tars write) inside one gzip stream. gunzip checks the gzip CRC and is capped, so a bomb stops at the
 * limit; each header's checksum is checked.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { checkWritable, packageFromEntries, SizeBudget, type ArchiveEntry, type ArchiveRead, type EntryType } from "./entries";
import { ARCHIVE_LIMITS, FIXED_MTIME_SECONDS, formatBytes } from "./limits";

const BLOCK = 512;
/** Headers and padding on top of the files' own bytes: generous for 16 files with pax records. */
const MAX_TAR_BYTES = ARCHIVE_LIMITS.maxTotalBytes + 256 * 1024;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, type: "0" | "5", mode: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const bytes = Buffer.from(name, "utf8");
  // Names past 100 bytes go into ustar's prefix field, split at the folder.
  const [prefix, rest] = bytes.length > 100 ? [name.slice(0, name.indexOf("/")), name.slice(name.indexOf("/") + 1)] : ["", name];
  block.write(rest, 0, 100, "utf8");
  block.write(octal(mode, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(FIXED_MTIME_SECONDS, 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write(type, 156, "ascii");
  block.write("ustar\x0000", 257, "binary");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A .tar.gz of `files` inside the folder `<id>/`, byte-for-byte the same for the same files. */
export function writeTarGz(id: string, files: Record<string, string>): Buffer {
  checkWritable(id, files);
  const parts: Buffer[] = [header(`${id}/`, 0, "5", 0o755)];
  for (const name of Object.keys(files).sort()) {
    const data = Buffer.from(files[name] ?? "", "utf8");
    parts.push(header(`${id}/${name}`, data.length, "0", 0o644), data, padding(data.length));
  }
  const body = Buffer.concat(parts);
  // Two zero blocks end the archive; the record is padded to 10 KiB as tar does.
  const tar = Buffer.concat([body, Buffer.alloc(BLOCK * 2)]);
  const record = Buffer.concat([tar, Buffer.alloc((10240 - (tar.length % 10240)) % 10240)]);
  const gz = gzipSync(record, { level: 9 });
  // The gzip header's OS byte follows the platform; fixed so that every machine writes the same bytes.
  gz[9] = 3;
  return gz;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.toString("utf8", 0, end < 0 ? length : end);
}

function number(block: Buffer, start: number, length: number): number | null {
  if ((block[start] ?? 0) & 0x80) return null;
  const digits = text(block, start, length).trim();
  if (digits === "") return 0;
  return /^[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : null;
}

function checksumOk(block: Buffer): boolean {
  const stored = number(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return stored === sum;
}

const TYPES: Record<string, EntryType> = { "0": "file", "\0": "file", "7": "file", "5": "dir", "1": "hardlink", "2": "symlink", "3": "device", "4": "device", "6": "device" };

/** The `path` of a pax extended header ("<len> key=value\n" records), if it sets one. */
function paxPath(data: Buffer): string | undefined {
  let path: string | undefined;
  for (const record of data.toString("utf8").split("\n")) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) path = match[1];
  }
  return path;
}

function gunzip(bytes: Buffer, errors: string[]): Buffer | null {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_TAR_BYTES });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") errors.push(`(archive): unpacks to more than the ${formatBytes(ARCHIVE_LIMITS.maxTotalBytes)} a package may hold`);
    else errors.push(`(archive): the gzip stream is corrupt or truncated (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/** The package in a .tar.gz, or every problem found. */
export function readTarGz(bytes: Buffer): ArchiveRead {
  const errors: string[] = [];
  const tar = gunzip(bytes, errors);
  if (!tar) return { ok: false, errors };
  const budget = new SizeBudget(errors);
  const entries: ArchiveEntry[] = [];
  let nextPath: string | undefined;
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const block = tar.subarray(at, at + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    if (!checksumOk(block)) {
      errors.push(`(archive): the header at byte ${at} is corrupt (checksum mismatch): not a tar archive?`);
      return { ok: false, errors };
    }
    const size = number(block, 124, 12);
    if (size === null) {
      errors.push(`(archive): the header at byte ${at} has a size tar.gz packages never need`);
      return { ok: false, errors };
    }
    const dataStart = at + BLOCK;
    if (dataStart + size > tar.length) {
      errors.push(`${text(block, 0, 100)}: its data is cut short (truncated archive)`);
      return { ok: false, errors };
    }
    at = dataStart + size + padding(size).length;
    const flag = String.fromCharCode(block[156] ?? 0);
    const data = tar.subarray(dataStart, dataStart + size);
    if (flag === "x") {
      nextPath = paxPath(data) ?? nextPath;
      continue;
    }
    if (flag === "L") {
      nextPath = text(data, 0, data.length);
      continue;
    }
    if (flag === "g" || flag === "K") continue;
    const prefix = text(block, 257, 6) === "ustar" && text(block, 263, 2) === "00" ? text(block, 345, 155) : "";
    const path = nextPath ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    nextPath = undefined;
    const type = TYPES[flag] ?? "other";
    if (type !== "file" || !budget.admit(path, size)) entries.push({ path, type });
    else entries.push({ path, type, data });
  }
  return packageFromEntries(entries, errors);
}
