import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/handle-route";
import { csvResponse } from "@/lib/progress/csv";
import { exportSimilarityCsv } from "@/lib/similarity/csv";

type Context = { params: Promise<{ slug: string; assignmentId: string }> };

const QuerySchema = z.object({ report: z.uuid().optional() });

/** The pairs of a finished similarity report as CSV (`?report=<id>`, default the newest finished one), staff only. */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, assignmentId } = await context.params;
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("NOT_FOUND", "No such similarity report.");
  const { csv, filename } = await exportSimilarityCsv(await getDb(), user, { courseSlug: slug, assignmentId, reportId: query.data.report });
  return csvResponse(csv, filename);
});
