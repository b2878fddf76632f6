import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { listCourseAssessments } from "@/lib/courses/assessments";
import { formatJoinCode } from "@/lib/courses/join-code";
import { countCourseMembers } from "@/lib/courses/members";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { plural } from "@/lib/format/plural";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Instructor area" };

export default async function ManageOverviewPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage`);
  const { course } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const db = await getDb();
  const [counts, assessments] = await Promise.all([countCourseMembers(db, course.id), listCourseAssessments(db, course.id)]);
  const exercises = assessments.reduce((sum, { items }) => sum + items.length, 0);
  const base = `/courses/${course.slug}/manage`;
  return (
    <>
      <h1>{course.title}</h1>
      <dl className="facts card">
        <dt>Address</dt>
        <dd>
          <code>/courses/{course.slug}</code>
        </dd>
        <dt>Time zone</dt>
        <dd>{describeTimeZone(course.timeZone)}</dd>
        <dt>People</dt>
        <dd>
          <Link href={`${base}/roster`}>
            {plural(counts.student, "student")}, {plural(counts.ta, "TA")}, {plural(counts.instructor, "instructor")}
          </Link>
        </dd>
        <dt>Assessments</dt>
        <dd>
          <Link href={`${base}/assessments`}>
            {plural(assessments.length, "assessment")}, {plural(exercises, "exercise")} in all
          </Link>
        </dd>
        <dt>Join code</dt>
        <dd>{course.joinCode ? <code data-testid="join-code">{formatJoinCode(course.joinCode)}</code> : "Off"}</dd>
      </dl>
    </>
  );
}
