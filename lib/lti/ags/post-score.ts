import type { DbOrTx } from "../../db/transaction";
import type { LtiPlatform } from "../../db/schema";
import { AGS_SCOPE, MEDIA_TYPE } from "../claims";
import { expectOk, platformFetch } from "../platform-http";
import { forgetServiceTokens, getServiceToken } from "../service-token";

/** The body of an AGS score post (1EdTech AGS 2.0, application/vnd.ims.lis.v1.score+json). */
export interface ScoreBody {
  userId: string;
  scoreGiven?: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
}

/**
 * `<line item>/scores`: the path segment goes before any query string, which some LMSs put in their line
 * item URLs (Moodle's `?type_id=…`, Canvas's none, others' tokens) and which must stay.
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

/**
 * Posts one score to a line item with a service token of the score scope. A 401 means the cached token
 * is no good any more (revoked, the platform restarted): it is forgotten and the post tried once more with
 * a new one. Throws PlatformRequestError with the platform's reason when refused.
 */
export async function postScore(db: DbOrTx, platform: Pick<LtiPlatform, "id" | "clientId" | "authTokenUrl" | "tokenAudience">, lineItemUrl: string, body: ScoreBody): Promise<void> {
  const post = async () => {
    const token = await getServiceToken(db, platform, [AGS_SCOPE.score]);
    return platformFetch(scoresUrl(lineItemUrl), {
      method: "POST",
      headers: { "content-type": MEDIA_TYPE.score, authorization: `Bearer ${token}`, accept: "application/json" },
      body: JSON.stringify(body),
    });
  };
  let response = await post();
  if (response.status === 401) {
    await response.body?.cancel();
    forgetServiceTokens(platform.id);
    response = await post();
  }
  await expectOk(response, "The LMS refused the score");
}
