import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { formatDeadline } from "@/lib/courses/format-date";
import { formatJoinCode } from "@/lib/courses/join-code";
import { listCourseMembers } from "@/lib/courses/members";
import { JoinCodeControls } from "./JoinCodeControls";
import { MemberControls } from "./MemberControls";
import { RosterImportForm } from "./RosterImportForm";
import { roleLabel } from "@/lib/courses/role-label";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Roster" };


export default async function RosterPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/roster`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canEdit = can(membership, "manage-roster");
  const canGrant = can(membership, "grant-accommodations");
  const members = await listCourseMembers(await getDb(), course.id);
  return (
    <>
      <h1>Roster</h1>
      {canEdit ? (
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title">Add students from a CSV file</h2>
          <RosterImportForm slug={course.slug} />
        </section>
      ) : null}

      <section aria-labelledby="join-title">
        <h2 id="join-title">Join code</h2>
        <p>
          {course.joinCode ? (
            <>
              Students who are signed in can join at <code>/join</code> with the code{" "}
              <code className="secret" data-testid="join-code">
                {formatJoinCode(course.joinCode)}
              </code>
              .
            </>
          ) : (
            "Joining by code is off."
          )}
        </p>
        {canEdit ? <JoinCodeControls slug={course.slug} enabled={course.joinCode !== null} /> : null}
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">Members ({members.length})</h2>
        <div className="table-wrap">
          <table className="data-table stackable">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                {canEdit ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId} data-user-id={member.userId} data-email={member.email}>
                  <td data-label="Name">{member.name}</td>
                  <td data-label="Email">{member.email}</td>
                  <td data-label="Role">{roleLabel(member.role)}</td>
                  <td data-label="Since">{formatDeadline(member.joinedAt, course.timeZone)}</td>
                  {canEdit ? (
                    <td>
                      <MemberControls slug={course.slug} member={{ userId: member.userId, name: member.name, role: member.role }} />
                      {canGrant && member.role === "student" ? (
                        <p className="small">
                          <Link href={`/courses/${course.slug}/manage/accommodations?student=${member.userId}#grant`} aria-label={`Grant accommodation to ${member.name}`}>
                            Grant accommodation
                          </Link>
                        </p>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
