/**
 * Largest server-action body: Next.js's own default (`serverActions.bodySizeLimit`, next.config.mjs says
 * the same). Next.js enforces it too, but answers an over-long body with 500; the proxy answers 413 first.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** A percent-encoded or raw C0 control character or DEL in a URL path. */
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)|[\u0000-\u001f\u007f]/i;

/**
 * What the proxy refuses before any page, route or action runs: a server action whose declared body is
 * over the limit (413) or undeclared (411: every browser sends Content-Length with an action), and a
 * path with a control character (422: slugs and ids reach SQL as text, where PostgreSQL refuses NUL).
 * Null when the request may go on.
 */
export function refusedRequest(request: { method: string; headers: Headers; nextUrl: { pathname: string } }): Response | null {
  if (CONTROL_IN_PATH.test(request.nextUrl.pathname)) {
    return new Response("The address contains a control character.", { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const declared = request.headers.get("content-length");
    if (declared === null) return new Response("Length required.", { status: 411 });
    if (Number(declared) > SERVER_ACTION_BODY_LIMIT_BYTES) {
      const limit = `${SERVER_ACTION_BODY_LIMIT_BYTES / (1024 * 1024)} MB`;
      return new Response(`The request is larger than ${limit}.`, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }
  return null;
}
