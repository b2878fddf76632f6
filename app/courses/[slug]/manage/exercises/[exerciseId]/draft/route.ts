import { requireCourseAccess, requireUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/handle-route";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

/**
 * The preview's editor saves drafts like a student's does, but code typed in a preview belongs to no
 * assignment: the server keeps none of it, and the editor keeps it in this browser's storage instead.
 */
export const PUT = handleRoute(async (_request: Request, context: Context) => {
  const user = await requireUser();
  const { slug } = await context.params;
  await requireCourseAccess(user, slug, "preview-exercise");
  throw new AppError("CONFLICT", "preview code is kept in this browser only");
});
