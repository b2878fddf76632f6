import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/courses/format-date";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { listAccommodationAudit, listAccommodationGroups, listCourseGrants, listGrantFormOptions } from "@/lib/accommodations";
import { AccommodationsImportForm } from "./AccommodationsImportForm";
import { CreateGroupForm } from "./CreateGroupForm";
import { GrantForm } from "./GrantForm";
import { GrantsTable } from "./GrantsTable";
import { GroupControls, RemoveMemberButton } from "./GroupControls";
import { grantChoices } from "./grant-choices";
import "@/app/accommodations.css";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Accommodations" };

export default async function AccommodationsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const preselected = (await searchParams).student;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/accommodations`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canGrant = can(membership, "grant-accommodations");
  const db = await getDb();
  const options = await listGrantFormOptions(db, course.id);
  const grants = await listCourseGrants(db, course.id);
  const groups = await listAccommodationGroups(db, course.id);
  const audit = await listAccommodationAudit(db, course.id, { limit: 100 });
  const timeZoneLabel = describeTimeZone(course.timeZone);
  const choices = grantChoices(options, course.timeZone);
  const student = typeof preselected === "string" ? options.students.find((candidate) => candidate.id === preselected) : undefined;

  return (
    <>
      <h1>Accommodations</h1>
      <p>
        Extended due dates, extra attempts, late-penalty waivers and more time on timed work, for one student or a group, on one assessment or
        all of them. A student with several grants on an assessment gets the most generous of each. Times are in {timeZoneLabel}.
        {canGrant ? null : " You can read them; only the course's instructors grant them."}
      </p>

      {canGrant ? (
        <section className="card" aria-labelledby="grant-title" id="grant">
          <h2 id="grant-title">{student ? `Grant ${student.name} an accommodation` : "Grant an accommodation"}</h2>
          <p className="field-hint">Granting again to the same student or group on the same assessment changes that grant.</p>
          <GrantForm
            slug={course.slug}
            idPrefix="grant"
            timeZoneLabel={timeZoneLabel}
            choices={choices}
            initial={student ? { target: `user:${student.id}` } : undefined}
            submitLabel="Grant"
          />
        </section>
      ) : null}

      <section aria-labelledby="grants-title">
        <h2 id="grants-title">Grants ({grants.length})</h2>
        {grants.length === 0 ? (
          <p className="muted">No accommodation granted yet.</p>
        ) : (
          <GrantsTable slug={course.slug} grants={grants} timeZone={course.timeZone} timeZoneLabel={timeZoneLabel} choices={choices} canGrant={canGrant} />
        )}
      </section>

      <section aria-labelledby="groups-title">
        <h2 id="groups-title">Groups ({groups.length})</h2>
        <p className="muted small">A group&apos;s grants apply to each of its members, for as long as they are in it.</p>
        {canGrant ? (
          <div className="card">
            <CreateGroupForm slug={course.slug} />
          </div>
        ) : null}
        <datalist id="student-emails">
          {options.students.map((candidate) => (
            <option key={candidate.id} value={candidate.email}>
              {candidate.name}
            </option>
          ))}
        </datalist>
        {groups.map((group) => (
          <article key={group.id} className="accommodation-group" aria-labelledby={`group-${group.id}-title`} data-testid="accommodation-group">
            <h3 id={`group-${group.id}-title`}>
              {group.label} <span className="muted small">({group.members.length} {group.members.length === 1 ? "member" : "members"})</span>
            </h3>
            {group.members.length === 0 ? (
              <p className="muted small">No members yet.</p>
            ) : (
              <ul className="member-list">
                {group.members.map((member) => (
                  <li key={member.id}>
                    <Link href={`/courses/${course.slug}/manage/students/${member.id}`}>{member.name}</Link> <span className="muted small">{member.email}</span>
                    {canGrant ? <RemoveMemberButton slug={course.slug} groupId={group.id} member={member} /> : null}
                  </li>
                ))}
              </ul>
            )}
            {canGrant ? <GroupControls slug={course.slug} group={group} datalistId="student-emails" /> : null}
          </article>
        ))}
      </section>

      {canGrant ? (
        <section className="card" aria-labelledby="csv-title">
          <h2 id="csv-title">Grant in bulk from a CSV file</h2>
          <AccommodationsImportForm slug={course.slug} timeZoneLabel={timeZoneLabel} />
        </section>
      ) : null}

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <p className="muted small">Every grant, change, revocation and group change: who, what, when (the latest {audit.length === 100 ? "100" : audit.length}).</p>
        {audit.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stackable" data-testid="accommodation-audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {audit.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="When">{formatDateTime(entry.at, course.timeZone)}</td>
                    <td data-label="By">{entry.actorName ?? "a former member"}</td>
                    <td data-label="What">{entry.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
