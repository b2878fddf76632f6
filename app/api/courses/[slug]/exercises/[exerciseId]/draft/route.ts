import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { DraftRequestSchema, findDraft, saveDraft } from "@/lib/drafts/drafts";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json";
import { MAX_REQUEST_BYTES } from "@/lib/submissions/rules";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

const NO_STORE = { "Cache-Control": "private, no-store" };

export const GET = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  const draft = await findDraft(await getDb(), user, slug, exerciseId);
  if (!draft) throw new AppError("NOT_FOUND", "No draft saved yet.");
  return Response.json(draft, { headers: NO_STORE });
});

export const PUT = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  // Outsiders get not-found before their body is read.
  await requireCourseAccess(user, slug, "submit");
  const body = DraftRequestSchema.parse(await readJsonBody(request, MAX_REQUEST_BYTES));
  await saveDraft(await getDb(), user, slug, exerciseId, body);
  return new Response(null, { status: 204, headers: NO_STORE });
});
