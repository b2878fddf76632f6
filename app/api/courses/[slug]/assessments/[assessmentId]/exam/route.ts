import { claimSessionForTimedWork, requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getCourseAssessment } from "@/lib/courses/assessments";
import { ExamRequestSchema, handleExamRequest } from "@/lib/workflows/exam-request";
import { getExamStateClosingIfDue } from "@/lib/workflows/exam-close";
import { examStateJson } from "@/lib/exams/state";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json";

type Context = { params: Promise<{ slug: string; assessmentId: string }> };

const NO_STORE = { "Cache-Control": "private, no-store" };
const MAX_BODY_BYTES = 1024;

/** The student's own clock on a timed assessment: state, deadline and the server's now. */
export const GET = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assessmentId } = await context.params;
  const membership = await requireCourseAccess(user, slug, "submit-as-student");
  const db = await getDb();
  const assessment = await getCourseAssessment(db, membership.course.id, assessmentId);
  const now = new Date();
  return Response.json(examStateJson(await getExamStateClosingIfDue(db, { assessment, userId: user.id, now }), now), { headers: NO_STORE });
});

/** Start (with the access code), finish, or close at time up: `{ action, accessCode? }`. */
export const POST = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assessmentId } = await context.params;
  // Staff and outsiders get not-found before their body is read.
  const membership = await requireCourseAccess(user, slug, "submit-as-student");
  const body = ExamRequestSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const db = await getDb();
  const assessment = await getCourseAssessment(db, membership.course.id, assessmentId);
  const now = new Date();
  const state = await handleExamRequest(db, { user, membership, assessment, now }, body);
  // The browser that starts timed work keeps it: a sign-in made earlier elsewhere no longer counts, a later one ends this one.
  if (body.action === "start" && state.status === "in_progress") await claimSessionForTimedWork(user);
  return Response.json(examStateJson(state, now), { headers: NO_STORE });
});
