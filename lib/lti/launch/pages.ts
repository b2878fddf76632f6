import { contentSecurityPolicy, createNonce } from "../../http/csp";
import { REFUSAL, type LaunchRefusal } from "./refusal";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto}h1{font-size:1.4rem}p{overflow-wrap:anywhere}
.button{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;background:#1d4ed8;color:#fff;text-decoration:none;border:0;font:inherit;cursor:pointer}
code{font-size:.9em;background:#f3f4f6;padding:0 .2rem}`;

/** An HTML response of the LTI endpoints, with its own CSP (frameable: the LMS shows it in its frame). */
function htmlPage(title: string, body: string, status: number, nonce: string, script?: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tensorgrade</title><style>${STYLE}</style></head><body><main>${body}</main>${script ? `<script nonce="${nonce}">${script}</script>` : ""}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": contentSecurityPolicy(nonce, { frameAncestors: "*" }),
    },
  });
}

/** The nonce the proxy made for this request (its CSP then matches ours), else a new one. */
function nonceOf(request: Request): string {
  return request.headers.get("x-nonce") ?? createNonce();
}

/** The page of a refused launch: what was wrong, and that nothing was changed. */
export function refusalPage(request: Request, refusal: LaunchRefusal): Response {
  const status = refusal.code === "unknown_target" || refusal.code === "no_target" ? 404 : refusal.code === "jwks_unreachable" ? 502 : 400;
  return htmlPage(
    "Launch refused",
    `<h1>The LMS launch was refused</h1>
<p role="alert" data-refusal="${refusal.code}"><strong>${escapeHtml(REFUSAL[refusal.code])}</strong>${refusal.detail ? `: ${escapeHtml(refusal.detail)}` : "."}</p>
<p>Nothing was changed in Tensorgrade. Go back to the LMS and open the link again; if this keeps happening, show this message to your instructor or the LMS administrator.</p>`,
    status,
    nonceOf(request),
  );
}

/**
 * The state cookie did not come with the LMS's cross-site post: post the same form again from this site,
 * which a browser that keeps the cookie sends with it.
 */
export function resubmitPage(request: Request, action: string, fields: Record<string, string>): Response {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return htmlPage(
    "Signing in",
    `<h1>Signing in…</h1><form id="resubmit" method="post" action="${escapeHtml(action)}">${inputs}<button class="button" type="submit">Continue</button></form>`,
    200,
    nonceOf(request),
    `document.getElementById("resubmit").submit();`,
  );
}

/** The LMS frame refused the cookies: start the launch again in a new window. */
export function newWindowPage(request: Request, loginUrl: string): Response {
  return htmlPage(
    "Open in a new window",
    `<h1>Tensorgrade needs its own window</h1>
<p>Your browser does not let Tensorgrade sign you in inside the LMS page (it blocks the cookies of sites shown in a frame).</p>
<p><a class="button" href="${escapeHtml(loginUrl)}" target="_blank" rel="noopener">Open in a new window</a></p>`,
    200,
    nonceOf(request),
  );
}
