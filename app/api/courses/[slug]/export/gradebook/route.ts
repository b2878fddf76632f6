import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { csvResponse } from "@/lib/progress/csv";
import { getGradebookCsv } from "@/lib/progress/exports";

type Context = { params: Promise<{ slug: string }> };

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { slug } = await context.params;
  const { course } = await requireCourseAccess(user, slug, "export-grades");
  return csvResponse(await getGradebookCsv(await getDb(), course), `${course.slug}-gradebook.csv`);
});
