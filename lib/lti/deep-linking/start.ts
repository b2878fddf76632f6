import type { DbOrTx } from "../../db/transaction";
import { ltiDeepLinkRequests } from "../../db/schema";
import { AppError } from "../../errors";

/** How long an instructor has to pick what to place before the request expires. */
export const DEEP_LINK_REQUEST_TTL_MS = 60 * 60 * 1000;

/** The only content item type the tool returns. */
export const RESOURCE_LINK_TYPE = "ltiResourceLink";

/** A verified LtiDeepLinkingRequest, as the launch hands it over. */
export interface DeepLinkingStart {
  platformId: string;
  deploymentId: string;
  /** The signed-in (just launched) instructor. */
  userId: string;
  /** The LMS course's lti_contexts row, when the request named a context. */
  contextRowId: string | null;
  returnUrl: string;
  data: string | null;
  acceptTypes: string[];
  acceptMultiple: boolean;
}

/** Stores a deep linking request; returns its id (the picker lives at /lti/deep-link/[requestId]). */
export async function startDeepLinking(tx: DbOrTx, start: DeepLinkingStart, now = new Date()): Promise<string> {
  if (!start.acceptTypes.includes(RESOURCE_LINK_TYPE)) {
    const asked = start.acceptTypes.length > 0 ? start.acceptTypes.join(", ") : "nothing";
    throw new AppError("INVALID_INPUT", `The LMS accepts only ${asked} here; Tensorgrade places LTI resource links (ltiResourceLink). Add it from a placement that accepts links.`);
  }
  let returnUrl: URL;
  try {
    returnUrl = new URL(start.returnUrl);
  } catch {
    throw new AppError("INVALID_INPUT", "The LMS gave no valid deep linking return URL.");
  }
  if (returnUrl.protocol !== "https:" && returnUrl.protocol !== "http:") throw new AppError("INVALID_INPUT", "The LMS's deep linking return URL must be http or https.");
  const [row] = await tx
    .insert(ltiDeepLinkRequests)
    .values({
      platformId: start.platformId,
      deploymentId: start.deploymentId,
      userId: start.userId,
      contextRowId: start.contextRowId,
      returnUrl: returnUrl.href,
      data: start.data,
      acceptTypes: start.acceptTypes,
      acceptMultiple: start.acceptMultiple,
      createdAt: now,
      expiresAt: new Date(now.getTime() + DEEP_LINK_REQUEST_TTL_MS),
    })
    .returning({ id: ltiDeepLinkRequests.id });
  return row!.id;
}
