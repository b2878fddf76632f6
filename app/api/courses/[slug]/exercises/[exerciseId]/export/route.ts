import { requireUser } from "@/lib/auth/guards";
import { ArchiveFormatSchema, exportCourseExercise } from "@/lib/authoring";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";

type Context = { params: Promise<{ slug: string; exerciseId: string }> };

export const dynamic = "force-dynamic";

const FormatSchema = ArchiveFormatSchema.catch("zip");
const CONTENT_TYPES = { zip: "application/zip", "tar.gz": "application/gzip" } as const;

/** A course exercise's draft as a package archive (.zip or .tar.gz), for its course's authors only. */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { slug, exerciseId } = await context.params;
  const format = FormatSchema.parse(new URL(request.url).searchParams.get("format"));
  const { filename, bytes } = await exportCourseExercise(await getDb(), user, slug, exerciseId, format);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
