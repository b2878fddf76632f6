import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { formatDateTime } from "@/lib/courses/format-date";
import { getDb } from "@/lib/db";
import { formatPoints } from "@/lib/scoring/course-grade-explanation";
import { listCoursePlacements, type PassbackRow, type PassbackState } from "@/lib/lti/ags/status";
import { ResendButton, ResendFailedButton } from "./ResendButton";
import "@/app/lms.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "LMS" };

const STATE_LABELS: Record<PassbackState, string> = { pending: "Pending", waiting: "Waiting for release", sent: "Sent", failed: "Failed" };

export default async function LmsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/lms`);
  const { course } = await requirePageCourseAccess(user, slug, "resend-grade-passback");
  const placements = await listCoursePlacements(await getDb(), course.id);
  const failed = placements.reduce((sum, placement) => sum + placement.rows.filter((row) => row.state === "failed").length, 0);
  const when = (date: Date) => formatDateTime(date, course.timeZone);

  return (
    <>
      <div className="section-head">
        <h1>LMS</h1>
        <Link href={`/courses/${course.slug}/manage/lms/roster`}>Roster sync</Link>
      </div>
      <p>
        Where this course&apos;s assessments and exercises are placed in an LMS (LTI), and the grade passback of each student: every change of a
        counted score is sent to the placement&apos;s line item, once the scores are released to the student. Times are in {course.timeZone}.
      </p>
      {placements.length === 0 ? (
        <p className="notice">No assessment of this course is placed in an LMS yet. An instructor adds them from the LMS (deep linking).</p>
      ) : (
        <>
          <ResendFailedButton slug={course.slug} failed={failed} />
          {placements.map((placement) => (
            <section key={placement.id} className="card lms-placement" aria-labelledby={`placement-${placement.id}`}>
              <h2 id={`placement-${placement.id}`}>{placement.title || placement.target}</h2>
              <dl className="facts">
                <dt>Opens</dt>
                <dd>{placement.target}</dd>
                <dt>LMS course</dt>
                <dd>{placement.lmsCourse || "(untitled)"}</dd>
                <dt>Line item</dt>
                <dd className="lms-wrap">{placement.lineItemUrl ?? "None: the LMS gave no line item, so no grades are sent."}</dd>
              </dl>
              {placement.rows.length === 0 ? (
                <p className="small">No grade sent or queued yet.</p>
              ) : (
                <div className="table-wrap">
                  <table className="data-table stackable">
                    <thead>
                      <tr>
                        <th scope="col">Student</th>
                        <th scope="col">Status</th>
                        <th scope="col">Score sent</th>
                        <th scope="col">Last attempt</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {placement.rows.map((row) => (
                        <tr key={row.userId} data-testid="passback-row">
                          <td data-label="Student">
                            {row.name} <span className="small">{row.email}</span>
                          </td>
                          <td data-label="Status">
                            <Status row={row} />
                          </td>
                          <td data-label="Score sent">{row.scoreGiven === null || row.scoreMaximum === null ? "—" : `${formatPoints(row.scoreGiven)} / ${formatPoints(row.scoreMaximum)}`}</td>
                          <td data-label="Last attempt">
                            {when(row.updatedAt)}
                            {row.sentAt ? <span className="small"> (sent {when(row.sentAt)})</span> : null}
                          </td>
                          <td>
                            <ResendButton slug={course.slug} resourceLinkRowId={placement.id} userId={row.userId} describe={`${row.name}'s grade on ${placement.title || placement.target}`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}

function Status({ row }: { row: PassbackRow }) {
  return (
    <>
      <strong>{STATE_LABELS[row.state]}</strong>
      {row.attempts > 1 ? <span className="small"> after {row.attempts} tries</span> : null}
      {row.lastError ? <p className="small lms-reason">{row.lastError}</p> : null}
    </>
  );
}
