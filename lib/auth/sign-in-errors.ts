/** Shared by the server, which raises it, and the sign-in form, which explains it; the number is the wait in seconds. */
export const RATE_LIMITED_PREFIX = "RATE_LIMITED:";

/** The message the sign-in form shows for a next-auth error code: one generic text for any wrong credential. */
export function describeSignInError(error: string | null | undefined): string {
  if (error?.startsWith(RATE_LIMITED_PREFIX)) {
    const seconds = Number(error.slice(RATE_LIMITED_PREFIX.length)) || 60;
    return `Too many sign-in attempts. Try again in ${seconds} s.`;
  }
  return "Wrong email or password.";
}
