import type { Metadata } from "next";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/courses/format-date";
import { listLinkedLmsCourses } from "@/lib/lti/roster/linked-courses";
import { SyncRosterButton } from "./SyncRosterButton";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "LMS roster" };

export default async function LmsRosterPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/lms/roster`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canSync = can(membership, "link-lms");
  const linked = await listLinkedLmsCourses(await getDb(), course.id);
  return (
    <>
      <h1>LMS roster</h1>
      <p>
        Members of the linked LMS courses are enrolled here with their LMS role at each launch and when you sync. Students the LMS lists as
        inactive or no longer lists leave the course; people added here by hand and staff are never removed by a sync.
      </p>
      {linked.length === 0 ? (
        <p className="card empty">
          No LMS course is linked to this course yet. An LMS course is linked when an instructor adds an assessment to it from the LMS (deep
          linking) or when someone first opens one of this course&apos;s assessments from it.
        </p>
      ) : (
        <section aria-labelledby="linked-title">
          <h2 id="linked-title">Linked LMS courses ({linked.length})</h2>
          <div className="table-wrap">
            <table className="data-table stackable">
              <thead>
                <tr>
                  <th scope="col">LMS course</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Last sync</th>
                  {canSync ? <th scope="col">Sync</th> : null}
                </tr>
              </thead>
              <tbody>
                {linked.map((lms) => (
                  <tr key={lms.contextRowId} data-context-row-id={lms.contextRowId}>
                    <td data-label="LMS course">
                      {lms.title || lms.contextId}
                      <span className="muted small"> · id {lms.contextId}</span>
                    </td>
                    <td data-label="Platform">
                      {lms.platformName || lms.issuer}
                      {lms.platformName ? <span className="muted small"> · {lms.issuer}</span> : null}
                    </td>
                    <td data-label="Last sync" data-testid="last-sync">
                      {lms.lastRosterSyncAt ? formatDateTime(lms.lastRosterSyncAt, course.timeZone) : "Never"}
                      {lms.lastRosterSyncError ? (
                        <span className="error small"> · failed: {lms.lastRosterSyncError}</span>
                      ) : lms.lastRosterSyncAt ? (
                        <span className="muted small"> · succeeded</span>
                      ) : null}
                    </td>
                    {canSync ? (
                      <td data-label="Sync">
                        {lms.canSync ? (
                          <SyncRosterButton slug={course.slug} contextRowId={lms.contextRowId} title={lms.title || lms.contextId} />
                        ) : (
                          <span className="muted small">The LMS has not offered its member list yet: open Tensorgrade from this LMS course once.</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
