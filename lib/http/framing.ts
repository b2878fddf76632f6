import { createHmac, timingSafeEqual } from "node:crypto";

/** The cookie naming the LMS origins that may frame the app, set by an LTI launch (signed: only the app writes it). */
export const FRAME_COOKIE = "tg-lti-frame";
const MAX_ORIGINS = 4;
const ORIGIN = /^https?:\/\/[a-z0-9.\-[\]:]+$/i;

function mac(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`lti-frame\n${payload}`).digest("base64url");
}

/** The frame cookie's value for `origins`. */
export function signFrameOrigins(origins: readonly string[], secret: string): string {
  const payload = Buffer.from(JSON.stringify(origins.filter((origin) => ORIGIN.test(origin)).slice(0, MAX_ORIGINS))).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

/** The origins a frame cookie names; none when it is absent, malformed or not signed by this app. */
export function readFrameOrigins(value: string | undefined, secret: string): string[] {
  const [payload, signature, extra] = (value ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return [];
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
  try {
    const origins: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return Array.isArray(origins) ? origins.filter((origin): origin is string => typeof origin === "string" && ORIGIN.test(origin)).slice(0, MAX_ORIGINS) : [];
  } catch {
    return [];
  }
}

/**
 * Who may frame a page: the LTI endpoints and pages (/lti/…) any LMS, as an LMS frames them before any
 * launch; every other page only this origin and the LMSs this browser was launched from, and nobody
 * (with X-Frame-Options DENY for old browsers) when it was never launched from an LMS.
 */
export function framingPolicy(pathname: string, launchedFrom: readonly string[]): { frameAncestors: string; denyFraming: boolean } {
  if (pathname === "/lti" || pathname.startsWith("/lti/")) return { frameAncestors: "*", denyFraming: false };
  if (launchedFrom.length > 0) return { frameAncestors: ["'self'", ...launchedFrom].join(" "), denyFraming: false };
  return { frameAncestors: "'none'", denyFraming: true };
}
