import { formatPoints } from "../scoring/course-grade-explanation";
import type { OverrideAuditEntry } from "./list-audit";

/** A fraction as staff read a set score: 0.905 → "90.5 %"; null → "none". */
export function formatScoreShare(score: number | null): string {
  return score === null ? "none" : `${formatPoints(score * 100)} %`;
}

/** One audit entry in words, without its time: "Ann: 60 % → 90 %: re-marked test 3", "Ann commented: …". */
export function describeAuditEntry(entry: Pick<OverrideAuditEntry, "actorName" | "previousScore" | "newScore" | "comment">): string {
  const who = entry.actorName ?? "A former staff member";
  const comment = entry.comment === "" ? "" : `: ${entry.comment}`;
  if (entry.previousScore === entry.newScore) return `${who} commented (score ${formatScoreShare(entry.newScore)})${comment}`;
  return `${who}: ${formatScoreShare(entry.previousScore)} → ${formatScoreShare(entry.newScore)}${comment}`;
}
