import Link from "next/link";
import { listedGrantParts, listGrantFormOptions, listStudentGrants } from "@/lib/accommodations";
import type { Course } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/courses/format-date";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { GrantForm } from "../../accommodations/GrantForm";
import { grantChoices } from "../../accommodations/grant-choices";
import { EffectiveAccommodationsTable } from "@/app/_components/EffectiveAccommodationsTable";
import "@/app/accommodations.css";

interface Props {
  course: Pick<Course, "id" | "slug" | "timeZone">;
  student: { id: string; name: string };
  canGrant: boolean;
}

/** A student's accommodations on their page: what applies on each assessment, the grants behind it, and a form to grant more. */
export async function StudentAccommodations({ course, student, canGrant }: Props) {
  const db = await getDb();
  const { grants, effective } = await listStudentGrants(db, course.id, student.id);
  const timeZoneLabel = describeTimeZone(course.timeZone);
  return (
    <section aria-labelledby="accommodations-title" id="accommodations">
      <h2 id="accommodations-title">Accommodations</h2>
      {grants.length === 0 ? (
        <p className="muted">None granted.</p>
      ) : (
        <>
          {effective.length > 0 ? (
            <EffectiveAccommodationsTable rows={effective} timeZone={course.timeZone} caption={`What applies to ${student.name}, all grants combined`} />
          ) : (
            <p className="muted">None of these grants changes anything now.</p>
          )}
          <ul className="small" data-testid="student-grants">
            {grants.map((grant) => (
              <li key={grant.id}>
                {grant.groupLabel ? `Through group ${grant.groupLabel}: ` : ""}
                {listedGrantParts(grant, course.timeZone, formatDateTime).join(", ")} on {grant.assessmentTitle ?? "all assessments"}
                {grant.note ? <span className="muted"> ({grant.note})</span> : null}
              </li>
            ))}
          </ul>
          <p className="small">
            <Link href={`/courses/${course.slug}/manage/accommodations`}>Change or revoke on the accommodations page</Link>
          </p>
        </>
      )}
      {canGrant ? (
        <details className="card" id="grant">
          <summary>Grant {student.name} an accommodation</summary>
          <GrantForm
            slug={course.slug}
            idPrefix="student-grant"
            timeZoneLabel={timeZoneLabel}
            choices={grantChoices(await listGrantFormOptions(db, course.id), course.timeZone)}
            initial={{ target: `user:${student.id}` }}
            fixed={{ target: true, assessment: false, describe: `For ${student.name}. Granting again on the same assessment changes that grant.` }}
            submitLabel="Grant"
          />
        </details>
      ) : null}
    </section>
  );
}
