import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle-route";
import { followSubmission, isFinalStatus, serveSubmission } from "@/lib/submissions/follow";

type Context = { params: Promise<{ id: string }> };

/** How long a long-poll waits for a change before it answers the state as it is. */
const LONG_POLL_MS = 20_000;

const AfterSchema = z.enum(["queued", "running", "graded", "error"]);

/**
 * The submission as its owner or its course's staff see it. With `?after=<status>` (the fallback where a
 * proxy buffers the event stream), a long-poll: answers once the status differs from <status>, or after
 * LONG_POLL_MS with the state as it is; at once when it is final. 429 (Retry-After) when the user already
 * follows too many submissions at once.
 */
export const GET = handleRoute(async (request: Request, context: Context) => {
  const user = await requireUser();
  const { id } = await context.params;
  const db = await getDb();
  const after = new URL(request.url).searchParams.get("after");
  if (after === null) return answer(await serveSubmission(db, id, user));
  const known = AfterSchema.parse(after);
  const follow = await followSubmission(db, id, user);
  try {
    // Nothing to wait for: it changed already, or it is final (it changes no more).
    if (follow.initial.status !== known || isFinalStatus(follow.initial.status)) return answer(follow.initial);
    return answer((await follow.next({ timeoutMs: LONG_POLL_MS, signal: request.signal })) ?? follow.initial);
  } finally {
    follow.close();
  }
});

function answer(view: unknown): Response {
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
