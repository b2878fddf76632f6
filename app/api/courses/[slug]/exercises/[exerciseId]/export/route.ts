import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { exportCourseExercise } from "@/lib/authoring";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

export const dynamic = "force-dynamic";

const FormatSchema = z.enum(["zip", "tar.gz"]).catch("zip");
const CONTENT_TYPES = { zip: "application/zip", "tar.gz": "application/gzip" } as const;

/** A course exercise's draft as a package archive (.zip or .tar.gz), for its course's authors only. */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  const format = FormatSchema.parse(new URL(request.url).searchParams.get("format"));
  const archive = await exportCourseExercise(await getDb(), user, { courseSlug: slug, exerciseId, format });
  const fileName = `${exerciseId}.${format}`;
  return new Response(new Uint8Array(archive), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
});
