import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getCourseAssessment } from "@/lib/courses/assessments";
import { FocusEventSchema, MAX_FOCUS_EVENT_BYTES, recordFocusEvent, spendFocusReport } from "@/lib/exams/focus-events";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json";

type Context = { params: Promise<{ slug: string; assessmentId: string }> };

/** The exam page's focus reports (lost, back) for the student's own timed work in progress. */
export const POST = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assessmentId } = await context.params;
  // Staff and outsiders get not-found before anything is counted or read.
  const { course } = await requireCourseAccess(user, slug, "submit-as-student");
  const db = await getDb();
  const assessment = await getCourseAssessment(db, course.id, assessmentId);
  await spendFocusReport(db, user.id, assessment.id);
  const event = FocusEventSchema.parse(await readJsonBody(request, MAX_FOCUS_EVENT_BYTES));
  await recordFocusEvent(db, { userId: user.id, assessment, event });
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});
