import { z } from "zod";
import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json";
import { MAX_REQUEST_BYTES } from "@/lib/submissions/rules";
import { createStudentSubmission, SubmissionRequestSchema } from "@/lib/submissions/submit";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

/** `?assessment=<id>`: which of the exercise's assessments the attempt counts for, when it sits in several. */
const QuerySchema = z.object({ assessment: z.uuid().optional() });

export const POST = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  // Outsiders get not-found before their body is read.
  const membership = await requireCourseAccess(user, slug, "submit");
  const query = QuerySchema.parse({ assessment: new URL(request.url).searchParams.get("assessment") ?? undefined });
  const body = SubmissionRequestSchema.parse(await readJsonBody(request, MAX_REQUEST_BYTES));
  const created = await createStudentSubmission(await getDb(), { user, courseSlug: slug, exerciseId, request: body, assessmentId: query.assessment, membership });
  return Response.json(created, { status: 202 });
});
