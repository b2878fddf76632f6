import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/transaction";
import { ltiDeepLinkRequests } from "../../db/schema";
import { AppError } from "../../errors";

export type DeepLinkRequest = typeof ltiDeepLinkRequests.$inferSelect;

/** Where a request stands: open to pick from, already answered, or too old. */
export type DeepLinkRequestState = "open" | "used" | "expired";

/** Why a request can no longer be answered, as the instructor reads it. */
export const CLOSED_REQUEST_MESSAGE: Record<Exclude<DeepLinkRequestState, "open">, string> = {
  used: "This deep linking request has already been answered. To add more, start again from the LMS (its “add external tool” or Tensorgrade placement).",
  expired: "This deep linking request has expired. Start again from the LMS (its “add external tool” or Tensorgrade placement).",
};

/** The state of a request at `now`. */
export function requestState(request: Pick<DeepLinkRequest, "usedAt" | "expiresAt">, now: Date): DeepLinkRequestState {
  if (request.usedAt) return "used";
  return request.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
}

/**
 * The request when it is `userId`'s own. Another user's request, or one that does not exist, is
 * NOT_FOUND alike, so that its id tells nobody else anything.
 */
export async function findOwnDeepLinkRequest(db: DbOrTx, requestId: string, userId: string): Promise<DeepLinkRequest> {
  const id = z.uuid().safeParse(requestId);
  const [row] = id.success ? await db.select().from(ltiDeepLinkRequests).where(eq(ltiDeepLinkRequests.id, id.data)).limit(1) : [];
  if (!row || row.userId !== userId) throw new AppError("NOT_FOUND", "No such deep linking request.");
  return row;
}

/** As findOwnDeepLinkRequest, and refused (CONFLICT, with the reason) unless it is still open. */
export async function findOpenDeepLinkRequest(db: DbOrTx, requestId: string, userId: string, now: Date): Promise<DeepLinkRequest> {
  const request = await findOwnDeepLinkRequest(db, requestId, userId);
  const state = requestState(request, now);
  if (state !== "open") throw new AppError("CONFLICT", CLOSED_REQUEST_MESSAGE[state]);
  return request;
}
