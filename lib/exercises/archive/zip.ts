/**
 * ZIP, written and read by hand with node:zlib (raw deflate, crc32): the subset a package needs — stored
 * or deflated entries, no zip64, no encryption, no multi-disk. Sizes come from the central directory
 * and are checked against the limits before anything is inflated; every inflate is capped.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { checkWritable, packageFromEntries, SizeBudget, type ArchiveEntry, type ArchiveRead, type EntryType } from "./entries";
import { ARCHIVE_LIMITS } from "./limits";

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** 1980-01-01 00:00 in MS-DOS date and time. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;
/** "Made by" Unix, spec 3.0: external attributes carry a Unix mode. */
const MADE_BY_UNIX = (3 << 8) | 30;
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const DIR_ATTRS = ((0o040755 << 16) | 0x10) >>> 0;

interface WriteEntry {
  name: Buffer;
  data: Buffer;
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  attrs: number;
}

function entryOf(name: string, data: Buffer, attrs: number): WriteEntry {
  const deflated = data.length > 0 ? deflateRawSync(data, { level: 9 }) : data;
  const method = deflated.length < data.length ? 8 : 0;
  return { name: Buffer.from(name, "utf8"), data, stored: method === 8 ? deflated : data, method, crc: data.length > 0 ? crc32(data) : 0, attrs };
}

/** A .zip of `files` inside the folder `<id>/`, byte-for-byte the same for the same files. */
export function writeZip(id: string, files: Record<string, string>): Buffer {
  checkWritable(id, files);
  const entries = [entryOf(`${id}/`, Buffer.alloc(0), DIR_ATTRS)];
  for (const name of Object.keys(files).sort()) entries.push(entryOf(`${id}/${name}`, Buffer.from(files[name] ?? "", "utf8"), FILE_ATTRS));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.stored.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(entry.name.length, 28);
    central.writeUInt32LE(entry.attrs, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, entry.name, entry.stored);
    centrals.push(central, entry.name);
    offset += local.length + entry.name.length + entry.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END) return at;
  }
  return -1;
}

function typeOf(name: string, madeBy: number, attrs: number): EntryType {
  const host = madeBy >> 8;
  // Unix (3) and macOS (19) keep the file's mode in the high half of the external attributes.
  const mode = host === 3 || host === 19 ? attrs >>> 16 : 0;
  const kind = mode & 0o170000;
  if (kind === 0o120000) return "symlink";
  if (kind === 0o020000 || kind === 0o060000 || kind === 0o010000 || kind === 0o140000) return "device";
  if (kind === 0o040000 || name.endsWith("/") || (attrs & 0x10) !== 0) return "dir";
  return "file";
}

interface CentralEntry {
  name: string;
  type: EntryType;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function readCentral(bytes: Buffer, errors: string[]): CentralEntry[] | null {
  const end = findEnd(bytes);
  if (end < 0) {
    errors.push("(archive): not a complete zip file (no end of central directory: truncated?)");
    return null;
  }
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const start = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 8) !== count) {
    errors.push("(archive): a multi-disk zip is not supported");
    return null;
  }
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    errors.push("(archive): a zip64 archive is not supported");
    return null;
  }
  if (count > ARCHIVE_LIMITS.maxFiles * 4) {
    errors.push(`(archive): ${count} entries, far more than the ${ARCHIVE_LIMITS.maxFiles} files a package may hold`);
    return null;
  }
  if (start + size > end) {
    errors.push("(archive): the central directory lies outside the file (truncated or corrupt)");
    return null;
  }
  const entries: CentralEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) {
      errors.push(`(archive): central directory entry ${i + 1} is corrupt`);
      return null;
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > end) {
      errors.push(`(archive): central directory entry ${i + 1} is corrupt`);
      return null;
    }
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({
      name,
      type: typeOf(name, bytes.readUInt16LE(at + 4), bytes.readUInt32LE(at + 38)),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressed: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

function inflate(data: Buffer, size: number): Buffer | string {
  try {
    // Capped at the declared size (+1 to notice more): a bomb stops there instead of filling memory.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, size + 1) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return "inflates past its declared size";
    return `the compressed data is corrupt (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The data of one file entry, or an error naming it. */
function readData(bytes: Buffer, entry: CentralEntry): Buffer | string {
  if ((entry.flags & 1) !== 0) return "an encrypted entry is not supported";
  if (entry.method !== 0 && entry.method !== 8) return `compression method ${entry.method} is not supported (store or deflate only)`;
  const at = entry.offset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return "its local header is missing (truncated or corrupt)";
  const nameLength = bytes.readUInt16LE(at + 26);
  // The central directory names the entry; a local header naming another file would show tools a different archive.
  if (at + 30 + nameLength > bytes.length || bytes.toString("utf8", at + 30, at + 30 + nameLength) !== entry.name) return "its local header names a different file";
  const start = at + 30 + nameLength + bytes.readUInt16LE(at + 28);
  if (start + entry.compressed > bytes.length) return "its data is cut short (truncated archive)";
  const raw = bytes.subarray(start, start + entry.compressed);
  const data = entry.method === 8 ? inflate(raw, entry.size) : raw;
  if (typeof data === "string") return data;
  if (data.length !== entry.size) return `unpacks to ${data.length} bytes, not the ${entry.size} declared`;
  if (crc32(data) >>> 0 !== entry.crc) return "CRC-32 mismatch (the data is corrupt)";
  return data;
}

/** The package in a .zip, or every problem found. */
export function readZip(bytes: Buffer): ArchiveRead {
  const errors: string[] = [];
  const central = readCentral(bytes, errors);
  if (!central) return { ok: false, errors };
  const budget = new SizeBudget(errors);
  const entries: ArchiveEntry[] = central.map((entry) => {
    if (entry.type !== "file" || !budget.admit(entry.name, entry.size)) return { path: entry.name, type: entry.type };
    const data = readData(bytes, entry);
    if (typeof data === "string") {
      errors.push(`${entry.name}: ${data}`);
      return { path: entry.name, type: entry.type };
    }
    return { path: entry.name, type: entry.type, data };
  });
  return packageFromEntries(entries, errors);
}
