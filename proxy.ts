import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/http/csp";
import { refusedRequest } from "./lib/http/request-limits";

export function proxy(request: NextRequest) {
  const refused = refusedRequest(request);
  if (refused) return refused;
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
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
