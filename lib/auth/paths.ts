/** Where an account with a one-time password is sent before anything else. */
export const CHANGE_PASSWORD_PATH = "/account";

/** The sign-in page's `reason` when a newer sign-in ended this session during timed work. */
export const SIGNED_IN_ELSEWHERE = "signed-in-elsewhere";

/** The sign-in page that comes back to `returnTo`, saying why one has to sign in when there is a reason to tell. */
export function signInPath(returnTo: string, reason?: typeof SIGNED_IN_ELSEWHERE): string {
  const query = new URLSearchParams({ callbackUrl: returnTo });
  if (reason) query.set("reason", reason);
  return `/signin?${query.toString()}`;
}
