import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { submissionEventStream } from "@/lib/submissions/event-stream";
import { followSubmission } from "@/lib/submissions/follow";

type Context = { params: Promise<{ id: string }> };

/**
 * A submission's states as Server-Sent Events, for its owner or its course's staff (anyone else: 404):
 * `event: submission` with the same JSON as GET /api/submissions/[id], at once and after each change;
 * the stream ends after a final state. See lib/submissions/event-stream.ts.
 */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { id } = await context.params;
  const follow = await followSubmission(await getDb(), id, user);
  return new Response(submissionEventStream(follow, { signal: request.signal }), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: Next.js's compression (and a proxy's) would hold the events back to compress them.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
