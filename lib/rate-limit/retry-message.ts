const TRY_AGAIN = /\s*Try again in \d+ s\.\s*$/;

/** A refusal for too many requests, e.g. "Too many runs (30 a minute). Try again in 42 s." */
export function retryMessage(reason: string, retryAfterSeconds: number): string {
  return `${reason} Try again in ${retryAfterSeconds} s.`;
}

/** The reason part of a `retryMessage`, so that a page can count the seconds down itself. */
export function reasonOfRetryMessage(message: string | undefined): string {
  return message?.replace(TRY_AGAIN, "").trim() || "Too many requests.";
}
