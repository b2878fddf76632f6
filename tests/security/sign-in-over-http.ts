import http from "node:http";
import { expect, type APIRequestContext } from "@playwright/test";

/** The password of the demo accounts (DEMO_PASSWORD in lib/seed/demo.ts). */
export const DEMO_PASSWORD = "tensorgrade";

/** What next-auth's credentials callback made of one sign-in. */
export type SignInOutcome = { signedIn: true } | { signedIn: false; error: string; retryAfterSeconds?: number };

/** Reads the outcome from the callback's JSON answer (`json=true`): the URL it would redirect to. */
function outcomeOf(status: number, body: string): SignInOutcome {
  // next-auth's route handler answers a refused sign-in with 401, still with the URL in its JSON.
  expect([200, 401], body).toContain(status);
  const url = new URL((JSON.parse(body) as { url: string }).url);
  const error = url.searchParams.get("error");
  if (error === null) {
    expect(status, body).toBe(200);
    return { signedIn: true };
  }
  const limited = /^RATE_LIMITED:(\d+)$/.exec(error);
  return limited ? { signedIn: false, error: "RATE_LIMITED", retryAfterSeconds: Number(limited[1]) } : { signedIn: false, error };
}

/** Signs in by posting to next-auth's credentials callback, as the sign-in form does; the session cookie stays in `request`. */
export async function signInWithRequest(request: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInOutcome> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/", json: "true" },
    headers,
  });
  return outcomeOf(response.status(), await response.text());
}

export interface RawClient {
  /** The app's port on this machine. */
  port: number;
  /**
   * The loopback address the client's socket is bound to (127.0.0.2, 127.0.0.3…): the app sees a client
   * of its own, whose sign-in failures do not use up the limit of the browser suite's 127.0.0.1.
   */
  localAddress: string;
}

function send(client: RawClient, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: client.port, localAddress: client.localAddress, method, path, headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * The same sign-in from a socket bound to `client.localAddress` (Playwright's request context cannot
 * choose its local address), with any extra headers, e.g. a made-up X-Forwarded-For.
 */
export async function signInFrom(client: RawClient, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInOutcome> {
  const csrf = await send(client, "GET", "/api/auth/csrf", headers);
  const cookies = (csrf.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/", json: "true" }).toString();
  const answer = await send(client, "POST", "/api/auth/callback/credentials", { ...headers, cookie: cookies, "content-type": "application/x-www-form-urlencoded" }, form);
  return outcomeOf(answer.status, answer.body);
}
