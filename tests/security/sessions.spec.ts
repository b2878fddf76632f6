import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { chosenPasswordFor, createCourse, makeInstructor, signIn, signOut } from "../e2e/support";

/**
 * Issue 13, finding 3: a copied session cookie stops working when its session ends. Each account here is a
 * fresh instructor of a course of this spec's own (the demo accounts are shared by the whole suite); the
 * browser does what a person does (sign out, change the password, the admin's buttons) and plain HTTP
 * requests replay the copied cookie.
 */

const suffix = Date.now().toString(36);
const slug = `sessions-${suffix}`;
const account = (name: string) => ({ email: `sess-${name}-${suffix}@demo.local`, name: `Session ${name}`, password: "" });
const accounts = { oneTime: account("onetime"), signsOut: account("out"), changes: account("change"), everywhere: account("everywhere"), disabled: account("disabled") };

const api = `/api/courses/${slug}/export/gradebook`;
const page_ = `/courses/${slug}`;

/** The session cookie of a signed-in page, as a Cookie header to replay. */
async function copySessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session, "a session cookie after signing in").toBeDefined();
  return `${session!.name}=${session!.value}`;
}

/** What the app answers a plain HTTP client that sends only this cookie: the API's status and where a page sends it. */
async function replay(baseURL: string, cookie: string) {
  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  try {
    const apiStatus = (await client.get(api)).status();
    const page = await client.get(page_, { maxRedirects: 0 });
    return { apiStatus, pageStatus: page.status(), pageLocation: page.headers()["location"] ?? "" };
  } finally {
    await client.dispose();
  }
}

async function expectSignedIn(baseURL: string, cookie: string) {
  const answer = await replay(baseURL, cookie);
  expect(answer.apiStatus).toBe(200);
  expect(answer.pageStatus).toBe(200);
}

async function expectSignedOut(baseURL: string, cookie: string) {
  const answer = await replay(baseURL, cookie);
  expect(answer.apiStatus).toBe(401);
  expect(answer.pageStatus).toBe(307);
  expect(answer.pageLocation).toContain("/signin");
}

/** Signs the account in in a browser context of its own (replacing its one-time password on the way). */
async function signedInAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who.email, { password: who.password, waitFor: "left-signin" });
  return page;
}

/** The admin page's row of an account, found by searching its email. */
async function adminRow(page: Page, email: string) {
  await page.goto(`/admin?q=${encodeURIComponent(email)}`);
  return page.getByTestId("accounts").getByRole("row").filter({ hasText: email });
}

/** Over HTTP, as next-auth's credentials form does: true when a session cookie comes back. */
async function httpSignIn(baseURL: string, email: string, password: string): Promise<boolean> {
  const client = await playwrightRequest.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await client.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
    const session = (await (await client.get("/api/auth/session")).json()) as { user?: { email?: string } };
    return session.user?.email === email;
  } finally {
    await client.dispose();
  }
}

test.describe.serial("a session ends for every copy of its cookie", () => {
  let admin: Page;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    admin = await (await browser.newContext()).newPage();
    await signIn(admin, "admin@demo.local");
    await admin.goto("/admin");
    await createCourse(admin, { slug, title: `Sessions ${suffix}` });
    await expect(admin.getByRole("status")).toContainText(`/courses/${slug}`);
    for (const who of Object.values(accounts)) {
      who.password = await makeInstructor(admin, { course: slug, ...who });
      expect(who.password).not.toBe("");
    }
  });

  test("with a one-time password still to replace, the API answers 403 PASSWORD_CHANGE_REQUIRED and pages go to /account", async ({ baseURL }) => {
    const client = await playwrightRequest.newContext({ baseURL });
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await client.post("/api/auth/callback/credentials", { form: { csrfToken, email: accounts.oneTime.email, password: accounts.oneTime.password, json: "true" } });
    const api_ = await client.get(api);
    expect(api_.status()).toBe(403);
    expect(((await api_.json()) as { code: string }).code).toBe("PASSWORD_CHANGE_REQUIRED");
    const course = await client.get(page_, { maxRedirects: 0 });
    expect(course.status()).toBe(307);
    expect(course.headers()["location"]).toMatch(/\/account$/);
    expect((await client.get("/account", { maxRedirects: 0 })).status()).toBe(200);
    await client.dispose();
  });

  test("sign-out: the copied cookie gets 401 from the API and the sign-in page for pages", async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, accounts.signsOut);
    const cookie = await copySessionCookie(page);
    await expectSignedIn(baseURL!, cookie);
    await signOut(page);
    await expectSignedOut(baseURL!, cookie);
  });

  test("a password change ends the copied session; the browser that changed it stays signed in", async ({ browser, baseURL }) => {
    const who = accounts.changes;
    const page = await signedInAs(browser, who);
    const cookie = await copySessionCookie(page);
    await expectSignedIn(baseURL!, cookie);
    const current = chosenPasswordFor(who.password);
    await page.goto("/account");
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password").fill(`${current}-again`);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
    await expectSignedOut(baseURL!, cookie);
    await expectSignedIn(baseURL!, await copySessionCookie(page));
  });

  test("an admin's sign out everywhere ends the copied session", async ({ browser, baseURL }) => {
    const who = accounts.everywhere;
    const page = await signedInAs(browser, who);
    const cookie = await copySessionCookie(page);
    await expectSignedIn(baseURL!, cookie);
    const row = await adminRow(admin, who.email);
    await row.getByRole("button", { name: `Sign ${who.email} out everywhere` }).click();
    await expect(row.getByRole("status")).toContainText(`Every session of ${who.email} has ended.`);
    await expectSignedOut(baseURL!, cookie);
  });

  test("a disabled account is signed out and cannot sign in until it is enabled again", async ({ browser, baseURL }) => {
    const who = accounts.disabled;
    const page = await signedInAs(browser, who);
    const cookie = await copySessionCookie(page);
    const password = chosenPasswordFor(who.password);
    await expectSignedIn(baseURL!, cookie);
    expect(await httpSignIn(baseURL!, who.email, password)).toBe(true);

    let row = await adminRow(admin, who.email);
    await row.getByRole("button", { name: `Disable ${who.email}` }).click();
    row = await adminRow(admin, who.email);
    await expect(row).toContainText("disabled");
    await expectSignedOut(baseURL!, cookie);
    expect(await httpSignIn(baseURL!, who.email, password)).toBe(false);

    await row.getByRole("button", { name: `Enable ${who.email}` }).click();
    await expect(admin.getByTestId("accounts").getByRole("row").filter({ hasText: who.email })).toContainText("active");
    expect(await httpSignIn(baseURL!, who.email, password)).toBe(true);
  });
});
