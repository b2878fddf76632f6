import { NextResponse, type NextRequest } from "next/server";
import { resolveAuthSecret } from "./lib/auth/secret";
import { env } from "./lib/env";
import { contentSecurityPolicy, createNonce } from "./lib/http/csp";
import { FRAME_COOKIE, framingPolicy, readFrameOrigins } from "./lib/http/framing";
import { refusedRequest } from "./lib/http/request-limits";

export function proxy(request: NextRequest) {
  const refused = refusedRequest(request);
  if (refused) return refused;
  const nonce = createNonce();
  const frameCookie = request.cookies.get(FRAME_COOKIE)?.value;
  const launchedFrom = frameCookie ? readFrameOrigins(frameCookie, resolveAuthSecret(env())) : [];
  const { frameAncestors, denyFraming } = framingPolicy(request.nextUrl.pathname, launchedFrom);
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", frameAncestors });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (denyFraming) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

export const config = {
  matcher: [
    {
      // lti/deep-link-return sets its own CSP (form-action to the LMS's return origin): left alone here.
      source: "/((?!api|_next/static|_next/image|favicon.ico|lti/deep-link-return).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
