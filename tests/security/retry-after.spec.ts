import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithRequest } from "./sign-in-over-http";

// RUN_RATE in lib/submissions/rules.ts, not imported: the module graph pulls in the database.
const RUNS_PER_MINUTE = 30;

test("a client that waits out Retry-After on Runs is let in, not refused again", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const student = await playwright.request.newContext({ baseURL });
  expect(await signInWithRequest(student, "student3@demo.local", DEMO_PASSWORD)).toEqual({ signedIn: true });
  const run = () =>
    student.post("/api/courses/keras/exercises/softmax/submissions", {
      data: { code: "export const notAnAnswer = 1;\n", mode: "run" },
      headers: { origin: baseURL! },
    });

  // Sent at once: one Run is graded, the others answer 409 while it is, but every one counts against the budget
  // (some may already be refused: other specs share the server and may have run as this student this minute).
  const statuses = await Promise.all(Array.from({ length: RUNS_PER_MINUTE }, async () => (await run()).status()));
  expect(statuses.filter((status) => status !== 202 && status !== 409 && status !== 429)).toEqual([]);
  const refused = await run();
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(120);
  expect(await refused.json()).toMatchObject({ error: `Too many runs (${RUNS_PER_MINUTE} a minute). Try again in ${retryAfter} s.` });

  // Knocking again while refused does not push the wait back…
  for (let i = 0; i < 3; i++) expect((await run()).status()).toBe(429);
  await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  // …and after exactly the wait it was told, the client is let in (graded, or 409 while its last Run still is).
  const afterWaiting = await run();
  expect([202, 409], await afterWaiting.text()).toContain(afterWaiting.status());
  await student.dispose();
});
