const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";

/**
 * A same-site path to return to after sign-in, percent-encoded as a Location header needs it
 * ("/\u3000/x" becomes "/%E3%80%80/x"); anything that would leave the site (absolute or protocol-relative
 * URLs, backslashes, control characters) becomes "/".
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(value)) return "/";
  try {
    const url = new URL(value, PLACEHOLDER_ORIGIN);
    if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

/**
 * next-auth's redirect target: a path or an absolute URL of `baseUrl`'s origin, made safe; anything else
 * (another host, "http://localhost:3000.evil.example/", which is no URL at all) is `baseUrl`. Never throws.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: string;
  if (url.startsWith("/")) {
    path = safeCallbackPath(url);
  } else {
    try {
      const absolute = new URL(url);
      path = absolute.origin === base.origin ? safeCallbackPath(`${absolute.pathname}${absolute.search}${absolute.hash}`) : "/";
    } catch {
      path = "/";
    }
  }
  return new URL(path, base).toString();
}

/** The request with a `callbackUrl` query parameter next-auth would refuse with a 500 replaced by a safe one. */
export function withSafeCallbackParam<Request extends { nextUrl: URL }>(request: Request, baseUrl: string): Request {
  const value = request.nextUrl.searchParams.get("callbackUrl");
  if (value !== null) request.nextUrl.searchParams.set("callbackUrl", safeRedirectUrl(value, baseUrl));
  return request;
}
