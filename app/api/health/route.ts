import { getDb } from "@/lib/db";
import { findActiveQueue } from "@/lib/queue/port";
import { checkHealth } from "@/lib/queue/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers: 200 when the database and the queue answer, else 503. */
export async function GET(): Promise<Response> {
  const health = await checkHealth(getDb, findActiveQueue());
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
