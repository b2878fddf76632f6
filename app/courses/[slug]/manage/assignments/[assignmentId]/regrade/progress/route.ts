import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getCourseAssignment } from "@/lib/courses/assignments";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { findLatestRegrade } from "@/lib/submissions/regrade";

type Context = { params: Promise<{ slug: string; assignmentId: string }> };

/** The progress of the assignment's latest regrade, for the course's staff. */
export const GET = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assignmentId } = await context.params;
  const { course } = await requireCourseAccess(user, slug, "view-dashboard");
  const db = await getDb();
  const assignment = await getCourseAssignment(db, course.id, assignmentId);
  const latest = await findLatestRegrade(db, assignment.id);
  const body = latest ? { id: latest.id, total: latest.total, done: latest.done, failed: latest.failed, finished: latest.finished } : null;
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
});
