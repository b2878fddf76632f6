import Link from "next/link";
import { listedGrantParts, type GrantView } from "@/lib/accommodations";
import { formatDateTime } from "@/lib/courses/format-date";
import { toZonedInput } from "@/lib/courses/zoned-time";
import { GrantForm, type GrantFormChoices } from "./GrantForm";
import { RevokeButton } from "./RevokeButton";

interface Props {
  slug: string;
  grants: GrantView[];
  timeZone: string;
  timeZoneLabel: string;
  choices: GrantFormChoices;
  canGrant: boolean;
}

/** Grants as a table: who, on what, what, why; instructors change or revoke each in place. */
export function GrantsTable({ slug, grants, timeZone, timeZoneLabel, choices, canGrant }: Props) {
  return (
    <div className="table-wrap">
      <table className="data-table stackable" data-testid="accommodation-grants">
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Assessment</th>
            <th scope="col">Grant</th>
            <th scope="col">Note</th>
            <th scope="col">Granted</th>
            {canGrant ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => {
            const who = grant.userId ? (grant.studentName ?? "a former student") : `group ${grant.groupLabel}`;
            const where = grant.assessmentTitle ?? "all assessments";
            return (
              <tr key={grant.id} data-grant-id={grant.id}>
                <td data-label="For">
                  {grant.userId ? <Link href={`/courses/${slug}/manage/students/${grant.userId}`}>{grant.studentName}</Link> : <>Group: {grant.groupLabel}</>}
                </td>
                <td data-label="Assessment">{where}</td>
                <td data-label="Grant">{listedGrantParts(grant, timeZone, formatDateTime).join(", ")}</td>
                <td data-label="Note">{grant.note}</td>
                <td data-label="Granted">
                  {formatDateTime(grant.updatedAt, timeZone)}
                  {grant.grantedByName ? <span className="muted small"> by {grant.grantedByName}</span> : null}
                </td>
                {canGrant ? (
                  <td>
                    <details>
                      <summary>Change…</summary>
                      <GrantForm
                        slug={slug}
                        idPrefix={`change-${grant.id}`}
                        timeZoneLabel={timeZoneLabel}
                        choices={choices}
                        fixed={{ target: true, assessment: true, describe: `For ${who}, on ${where}:` }}
                        initial={{
                          target: grant.userId ? `user:${grant.userId}` : `group:${grant.groupId}`,
                          assessmentId: grant.assessmentId ?? "all",
                          dueAt: grant.dueAt ? toZonedInput(grant.dueAt, timeZone) : "",
                          extraAttempts: String(grant.extraAttempts),
                          waiveLatePenalty: grant.waiveLatePenalty,
                          timeMultiplier: grant.timeMultiplier === null ? "" : String(grant.timeMultiplier),
                          note: grant.note,
                        }}
                        submitLabel="Save the change"
                      />
                    </details>
                    <RevokeButton slug={slug} accommodationId={grant.id} describe={`${who}'s grant on ${where}`} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
