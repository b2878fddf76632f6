/** How long the tool waits for an LMS's answer (token, scores, memberships, keys, registration). */
export const PLATFORM_TIMEOUT_MS = 10_000;
const REASON_CHARS = 300;

/** An LMS answered with an error, or could not be reached: `reason` is what staff are shown. */
export class PlatformRequestError extends Error {
  override name = "PlatformRequestError";
  constructor(
    readonly reason: string,
    /** The HTTP status, or null when no answer came. */
    readonly status: number | null,
    /** Retryable whatever the status (a refusal known to pass, e.g. a token refused while the LMS's copy of our keys is stale). */
    private readonly forceRetryable = false,
  ) {
    super(reason);
  }
  /** Whether trying again later may succeed (no answer, 408, 429, 5xx, or marked so). */
  get retryable(): boolean {
    return this.forceRetryable || this.status === null || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** fetch with the platform timeout; a network failure becomes a PlatformRequestError naming the URL's host. */
export async function platformFetch(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS) });
  } catch (error) {
    const host = URL.canParse(url) ? new URL(url).host : url;
    const cause = error instanceof Error ? (error.name === "TimeoutError" ? `no answer within ${PLATFORM_TIMEOUT_MS / 1000} s` : error.message) : String(error);
    throw new PlatformRequestError(`${host} could not be reached: ${cause}`, null);
  }
}

/** Throws a PlatformRequestError with the status and the start of the body when `response` is not 2xx. */
export async function expectOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim();
  const excerpt = body.length > REASON_CHARS ? `${body.slice(0, REASON_CHARS)}…` : body;
  throw new PlatformRequestError(`${what}: HTTP ${response.status}${excerpt ? ` ${excerpt}` : ""}`, response.status);
}
