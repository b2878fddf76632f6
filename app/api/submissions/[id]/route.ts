import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { getSubmissionForViewer } from "@/lib/submissions/view";

type Context = { params: Promise<{ id: string }> };

export const GET = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { id } = await context.params;
  const view = await getSubmissionForViewer(await getDb(), id, user);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
