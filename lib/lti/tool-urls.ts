import { env } from "../env";

/** The tool's endpoints an LMS is given (registration, the admin's "tool URLs" page). */
export interface ToolUrls {
  origin: string;
  /** OIDC third-party login initiation (GET or POST). */
  login: string;
  /** Redirect URI: where the platform posts the id_token (resource links and deep linking alike). */
  launch: string;
  /** Target link URI of the tool's default placement. */
  target: string;
  /** The deep linking placement's target. */
  deepLink: string;
  jwks: string;
  /** Dynamic registration (opened with `?token=` from a one-time registration URL). */
  register: string;
  icon: string;
}

/** The tool's URLs under `origin` (scheme, host and port, no path). */
export function toolUrls(origin: string): ToolUrls {
  const base = origin.replace(/\/+$/, "");
  return {
    origin: base,
    login: `${base}/lti/login`,
    launch: `${base}/lti/launch`,
    target: `${base}/lti/launch`,
    deepLink: `${base}/lti/launch`,
    jwks: `${base}/lti/jwks`,
    register: `${base}/lti/register`,
    icon: `${base}/icon.svg`,
  };
}

/**
 * The app's public origin: NEXTAUTH_URL when set (what an LMS must reach, behind any proxy), else the
 * request's own origin, else http://localhost:PORT (the command line without a request).
 */
export function publicOrigin(requestUrl?: string): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  if (requestUrl) return new URL(requestUrl).origin;
  return `http://localhost:${env().PORT}`;
}

/** Whether the app is served over https (cookies for the LMS frame can then be SameSite=None; Secure). */
export function servedOverHttps(origin: string): boolean {
  return origin.startsWith("https://");
}
