/** Cookie attributes for the LMS frame: SameSite=None; Secure over https (a cross-site frame), Lax over http. */
export function cookieAttributes(https: boolean, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; Max-Age=${maxAgeSeconds}; ${https ? "SameSite=None; Secure" : "SameSite=Lax"}`;
}

/** The same attributes for a cookie set through Next's cookies() (a server action). */
export function cookieOptions(https: boolean, maxAgeSeconds: number) {
  return { path: "/", httpOnly: true, maxAge: maxAgeSeconds, sameSite: https ? ("none" as const) : ("lax" as const), secure: https };
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
