import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInFrom, signInWithRequest, type RawClient } from "./sign-in-over-http";

// The limits of lib/auth/sign-in-limits.ts (SIGN_IN_LIMITS), not imported: it pulls in the database.
const FAILED_SIGN_INS_PER_ADDRESS = 50;
const FREE_FAILURES_PER_ACCOUNT = 5;

const port = () => Number(new URL(test.info().project.use.baseURL!).port);

test("a made-up X-Forwarded-For does not escape the limit of the address the request comes from", async () => {
  test.setTimeout(120_000);
  const attacker: RawClient = { port: port(), localAddress: "127.0.0.2" };
  // Each failure on an account of its own (so no account's delay interferes), each from a different claimed address.
  for (let i = 0; i < FAILED_SIGN_INS_PER_ADDRESS; i++) {
    const outcome = await signInFrom(attacker, `sprayed-${i}@nowhere.test`, "guess", { "X-Forwarded-For": `1.2.3.${i}` });
    expect(outcome, `failure ${i + 1}`).toEqual({ signedIn: false, error: "CredentialsSignin" });
  }
  const refused = await signInFrom(attacker, "sprayed-last@nowhere.test", "guess", { "X-Forwarded-For": "1.2.3.250" });
  expect(refused).toMatchObject({ signedIn: false, error: "RATE_LIMITED" });
  // The sliding window (15 min, by whole windows) counts the 50 failures as 50 × (2 − elapsed) in the next
  // window; one more fits once that is ≤ 49, 1/50 of a window (18 s) into it: between 18 s and 15 min 18 s away.
  const wait = refused.signedIn === false ? refused.retryAfterSeconds! : 0;
  expect(wait).toBeGreaterThanOrEqual(18);
  expect(wait).toBeLessThanOrEqual(15 * 60 + 18);
  // The right password from that socket is refused as well (a sprayer must not learn which guess was right)…
  expect(await signInFrom(attacker, "student3@demo.local", DEMO_PASSWORD, { "X-Forwarded-For": "5.6.7.8" })).toMatchObject({ error: "RATE_LIMITED" });
  // …while another socket, even claiming the attacker's addresses, is not limited by them.
  const neighbour: RawClient = { port: port(), localAddress: "127.0.0.3" };
  expect(await signInFrom(neighbour, "sprayed-last@nowhere.test", "guess", { "X-Forwarded-For": "1.2.3.250, 127.0.0.2" })).toEqual({
    signedIn: false,
    error: "CredentialsSignin",
  });
});

test("an attacker failing on an account is delayed itself and cannot stop its owner signing in", async ({ playwright, baseURL }) => {
  const email = "student3@demo.local";
  const owner = await playwright.request.newContext({ baseURL });
  // The attacker on a socket of its own, so that the owner's 127.0.0.1 and the rest of the suite keep their per-address budget.
  const attackerAt: RawClient = { port: port(), localAddress: "127.0.0.4" };
  for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
    expect(await signInFrom(attackerAt, email, `guess-${i}`), `failure ${i + 1}`).toEqual({ signedIn: false, error: "CredentialsSignin" });
  }
  // The attacker keeps going (before the fix: the 11th attempt locked the account for 15 minutes, the right password too).
  let refusal: { retryAfterSeconds?: number } = {};
  for (let i = 0; i < 8; i++) {
    const outcome = await signInFrom(attackerAt, email, `more-${i}`);
    if (outcome.signedIn === false && outcome.error === "RATE_LIMITED") refusal = outcome;
  }
  expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  // The owner, on another socket, is let in with the right password at once although the attacker is not done
  // (before the fix: refused for 15 minutes; with a delay per account alone: made to wait out the attacker's).
  expect(await signInWithRequest(owner, email, DEMO_PASSWORD)).toEqual({ signedIn: true });
  const session = (await (await owner.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
  await owner.dispose();
});
