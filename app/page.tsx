import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { getHomeOverview } from "@/lib/progress/home-overview";
import { SiteAdminCard } from "./_home/SiteAdminCard";
import { StaffCourseCard } from "./_home/StaffCourseCard";
import { StudentCourseCard } from "./_home/StudentCourseCard";

export default async function HomePage() {
  const user = await requirePageUser("/");
  const now = new Date();
  const { courses, site } = await getHomeOverview(await getDb(), user, now);
  return (
    <>
      <h1>Your courses</h1>
      {site ? <SiteAdminCard site={site} /> : null}
      {courses.length === 0 ? (
        <p className="card empty">
          {site
            ? "You belong to no course yourself; create courses and their instructors from Site administration above."
            : "You are not enrolled in any course yet. Ask your instructor for an invitation."}
        </p>
      ) : (
        <ul className="course-list">
          {courses.map((summary) =>
            summary.view === "staff" ? (
              <StaffCourseCard key={summary.course.id} summary={summary} now={now} />
            ) : (
              <StudentCourseCard key={summary.course.id} summary={summary} now={now} />
            ),
          )}
        </ul>
      )}
    </>
  );
}
