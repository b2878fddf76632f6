import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { withSafeCallbackParam } from "@/lib/auth/callback-url";
import { getAuthOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: RouteContext) {
  // next-auth answers 500 to a callbackUrl that is no URL ("http://localhost:3000.evil.example/").
  return NextAuth(withSafeCallbackParam(request, request.nextUrl.origin), context, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
