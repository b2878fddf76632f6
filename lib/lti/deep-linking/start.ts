import "server-only";
import type { DbOrTx } from "../../db/transaction";

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
export async function startDeepLinking(tx: DbOrTx, start: DeepLinkingStart): Promise<string> {
  // Contract placeholder, implemented with deep linking (issue 19, helper C).
  void tx;
  void start;
  throw new Error("deep linking is not built yet");
}
