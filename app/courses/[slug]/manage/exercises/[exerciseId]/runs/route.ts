import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json";
import { createPreviewSubmission, PreviewRequestSchema } from "@/lib/submissions/preview";
import { MAX_REQUEST_BYTES } from "@/lib/submissions/rules";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

/** A preview run by the course's staff; the caller follows it through GET /api/submissions/<id>. */
export const POST = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  // Outsiders get not-found before their body is even read, like every other instructor route.
  await requireCourseAccess(user, slug, "preview-exercise");
  const body = PreviewRequestSchema.parse(await readJsonBody(request, MAX_REQUEST_BYTES));
  const created = await createPreviewSubmission(await getDb(), { user, courseSlug: slug, exerciseId, request: body });
  return Response.json(created, { status: 202 });
});
