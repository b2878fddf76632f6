import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/handle-route";
import { getReportProgress } from "@/lib/similarity/reports";

type Context = { params: Promise<{ slug: string; assignmentId: string }> };

const QuerySchema = z.object({ report: z.uuid().optional() });

/** The progress of one similarity report of the assignment (`?report=<id>`, default its newest; null: none), for staff who may check similarity. */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assignmentId } = await context.params;
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("NOT_FOUND", "No such similarity report.");
  const progress = await getReportProgress(await getDb(), user, { courseSlug: slug, assignmentId, reportId: query.data.report });
  return Response.json(progress, { headers: { "Cache-Control": "private, no-store" } });
});
