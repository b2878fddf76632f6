import { formatDateTime } from "@/lib/courses/format-date";
import { describeAuditEntry } from "@/lib/overrides/audit-text";
import type { OverrideAuditEntry } from "@/lib/overrides/list-audit";

/** Who changed a score or commented on it, when, and old → new, oldest first. */
export function OverrideAuditTrail({ entries, timeZone, label }: { entries: readonly OverrideAuditEntry[]; timeZone: string; label: string }) {
  if (entries.length === 0) return null;
  return (
    <ol className="audit-trail" aria-label={label} data-testid="override-audit">
      {entries.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, timeZone)}</time> — {describeAuditEntry(entry)}
        </li>
      ))}
    </ol>
  );
}
