/**
 * Package archives: a data package exported as `<id>/…` in a .zip or .tar.gz, and read back from an
 * upload (untrusted bytes) with limits, every problem named by entry.
 */
import { type ArchiveRead } from "./entries";
import { ARCHIVE_LIMITS, formatBytes } from "./limits";
import { readTarGz, writeTarGz } from "./tar";
import { readZip, writeZip } from "./zip";

export type { ArchiveRead } from "./entries";
export { ARCHIVE_LIMITS } from "./limits";

export type ArchiveFormat = "zip" | "tar.gz";

/** An archive of a package's files in the folder `<id>/`; the same files always give the same bytes. */
export function writeArchive(format: ArchiveFormat, id: string, files: Record<string, string>): Buffer {
  return format === "zip" ? writeZip(id, files) : writeTarGz(id, files);
}

/** Reads a .zip or .tar.gz (told apart by their magic bytes) into the package folder's id and files. */
export function readArchive(bytes: Uint8Array): ArchiveRead {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > ARCHIVE_LIMITS.maxArchiveBytes) {
    return { ok: false, errors: [`(archive): ${buffer.length} bytes, more than the ${formatBytes(ARCHIVE_LIMITS.maxArchiveBytes)} an upload may be`] };
  }
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return readZip(buffer);
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x06054b50) return { ok: false, errors: ["(archive): the zip file is empty"] };
  if (buffer.length >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return readTarGz(buffer);
  return { ok: false, errors: ["(archive): not a .zip or .tar.gz file"] };
}
