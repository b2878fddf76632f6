import { plural } from "../../format/plural";
import type { RosterSyncResult } from "./sync";

/** What staff are told after a sync: "Synced: 3 added, 1 role raised, 1 ended, 1 skipped (reason)." */
export function describeRosterSync(result: RosterSyncResult): string {
  const parts = [`${result.added} added`, `${plural(result.updated, "role")} raised`, `${result.ended} ended`];
  if (result.skipped.length > 0) {
    const reasons = result.skipped.map((skip) => `${skip.sub}: ${skip.reason}`).join("; ");
    parts.push(`${result.skipped.length} skipped (${reasons})`);
  }
  const read = `${plural(result.members, "member")} read from the LMS`;
  return `Synced: ${parts.join(", ")}. ${read}.${result.notice ? ` ${result.notice}` : ""}`;
}
