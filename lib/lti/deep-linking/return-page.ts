import { createLocalJWKSet, jwtVerify } from "jose";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { ltiPlatforms } from "../../db/schema";
import { AppError } from "../../errors";
import { createNonce } from "../../http/csp";
import { LTI_CLAIM } from "../claims";
import { publicJwks } from "../keys";
import { findOwnDeepLinkRequest } from "./request";

/**
 * The browser carries the signed response from the picker (whose CSP allows forms to this origin only)
 * to this page, whose CSP allows a form to the LMS's return origin alone. Only a response the tool
 * signed for this user's answered request is passed on, and only to that request's return URL.
 */
export async function checkedReturn(db: Db, { requestId, userId, jwt }: { requestId: string; userId: string; jwt: string }): Promise<{ returnUrl: string; jwt: string }> {
  const request = await findOwnDeepLinkRequest(db, requestId, userId);
  if (!request.usedAt) throw new AppError("CONFLICT", "This deep linking request has not been answered yet: choose what to add first.");
  const [platform] = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, request.platformId)).limit(1);
  if (!platform) throw new AppError("NOT_FOUND", "The LMS of this request is no longer registered.");
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publicJwks(db)), { issuer: platform.clientId, audience: platform.issuer });
    if (payload[LTI_CLAIM.deploymentId] !== request.deploymentId) throw new Error("deployment");
  } catch {
    throw new AppError("INVALID_INPUT", "That is not this request's answer (or it has expired): start again from the LMS.");
  }
  return { returnUrl: request.returnUrl, jwt };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page that posts the response (field JWT) to the LMS at once, with a button for when scripts do not run. */
export function returnPageResponse(returnUrl: string, jwt: string): Response {
  const nonce = createNonce();
  const target = new URL(returnUrl).origin;
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    `form-action ${target}`,
    "base-uri 'none'",
    // Inside the LMS's frame, as the picker was.
    `frame-ancestors 'self' ${target}`,
  ].join("; ");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Returning to your LMS</title></head>
<body style="font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 40rem">
<h1 style="font-size: 1.4rem">Returning to your LMS…</h1>
<form id="lti-return" method="post" action="${escapeHtml(returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<p>If your LMS does not open by itself, <button type="submit">continue to the LMS</button>.</p>
</form>
<script nonce="${nonce}">document.getElementById("lti-return").submit();</script>
</body></html>`;
  return new Response(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy, "Cache-Control": "no-store" },
  });
}
