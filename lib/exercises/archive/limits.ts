/**
 * What an uploaded package archive (and a saved draft) may hold: a package is a handful of small text
 * files (the largest catalogue package, copied as data, is under 100 KB). Sized so that a draft also
 * fits a server action's 1 MB body (lib/http/request-limits.ts) with its JSON escaping.
 */
export const ARCHIVE_LIMITS = {
  /** The archive as uploaded. */
  maxArchiveBytes: 768 * 1024,
  /** Every file unpacked, together. */
  maxTotalBytes: 512 * 1024,
  maxFiles: 16,
  maxFileBytes: 256 * 1024,
} as const;

/** "512 KB", "2 MB": how the limits read in messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/** A fixed modification time for every entry written (1980-01-01, zip's epoch), so archives are byte-for-byte reproducible. */
export const FIXED_MTIME_SECONDS = 315532800;
