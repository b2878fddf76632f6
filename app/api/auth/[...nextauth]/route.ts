import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { withSafeCallbackParam } from "@/lib/auth/callback-url";
import { getAuthOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: RouteContext) {
  // next-auth's forms (sign-in, sign-out) post url-encoded bodies; it answers 500 to any other body it
  // cannot read (an empty application/json one, say).
  if (request.method === "POST" && !isFormBody(request.headers.get("content-type"))) {
    return Response.json({ error: "Send the form as application/x-www-form-urlencoded.", code: "UNSUPPORTED_MEDIA_TYPE" }, { status: 415 });
  }
  // next-auth answers 500 to a callbackUrl that is no URL ("http://localhost:3000.evil.example/").
  return NextAuth(withSafeCallbackParam(request, request.nextUrl.origin), context, getAuthOptions()) as Promise<Response>;
}

const isFormBody = (type: string | null) => type?.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded";

export { handler as GET, handler as POST };
