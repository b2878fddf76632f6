import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

/** Fills in and sends the sign-in form, waiting for nothing: some of these sign-ins are meant to be refused. */
const sendSignIn = (page: Page, email: string, password: string) => signIn(page, email, { password, waitFor: "nothing" });

test("a visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("the demo student signs in, sees the course with its exercises by assessment, and signs out", async ({ page }) => {
  await sendSignIn(page, "student1@demo.local", "tensorgrade");
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Student One");
  const course = page.getByRole("link", { name: "Neural Networks with Keras" });
  await expect(course).toBeVisible();
  await course.click();
  await expect(page.getByRole("heading", { name: "Neural Networks with Keras" })).toBeVisible();
  await expect(page.getByText("You are a student in this course.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Due next" })).toBeVisible();
  // Each assessment is a section named by its heading, with its exercises under it.
  const batching = page.locator("section[data-assessment-id]").filter({ has: page.locator('a[href^="/courses/keras/exercises/batching"]') }).first();
  await expect(batching.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(batching.getByRole("row").filter({ has: page.locator('a[href^="/courses/keras/exercises/batching"]') }).getByText("Not started")).toBeVisible();
  await expect(page.locator('a[href^="/courses/keras/exercises/softmax"]').first()).toBeVisible();

  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password and an unknown email get the same generic message", async ({ page }) => {
  await sendSignIn(page, "student1@demo.local", "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await sendSignIn(page, "nobody@demo.local", "tensorgrade");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin/);
});

test("a course that is not the student's answers not found", async ({ page }) => {
  await sendSignIn(page, "student2@demo.local", "tensorgrade");
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
  for (const slug of ["other-course", "00000000-0000-4000-8000-000000000000", "..%2F..%2Fetc"]) {
    const response = await page.goto(`/courses/${slug}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("sign-in returns to the page that asked for it, and never to another site", async ({ page }) => {
  await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email").fill("instructor@demo.local");
  await page.getByLabel("Password").fill("tensorgrade");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await expect(page.getByText("instructor", { exact: true })).toBeVisible();
});

test("repeated wrong passwords for one account are slowed down with a clear wait", async ({ page }) => {
  // Five failures are free (SIGN_IN_LIMITS.perAccount in lib/auth/sign-in-limits.ts); then each next attempt waits 1 s, 2 s, 4 s…
  for (let attempt = 0; attempt < 5; attempt++) {
    await sendSignIn(page, "locked-out@demo.local", `guess-${attempt}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  // A round trip through the form may outlast the first short delays, but not the doubling ones for long.
  const alert = page.locator("form").getByRole("alert");
  for (let attempt = 5; attempt < 10; attempt++) {
    await sendSignIn(page, "locked-out@demo.local", `guess-${attempt}`);
    await expect(alert).toHaveText(/^(Wrong email or password\.|Too many sign-in attempts\. Try again in \d+ s\.)$/);
    if ((await alert.textContent())?.startsWith("Too many")) break;
  }
  const seconds = Number(/in (\d+) s/.exec((await alert.textContent()) ?? "")?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(16);
});
