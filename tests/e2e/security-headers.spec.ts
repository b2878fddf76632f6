import { expect, test } from "@playwright/test";

test("pages carry a nonce-based Content-Security-Policy and the browser runs the app under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/signin");
  const policy = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // The exercise page follows a submission over an event stream (EventSource) to its own origin.
  expect(policy).toContain("connect-src 'self'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response?.headers()["x-powered-by"]).toBeUndefined();

  // Hydration works under the policy: the client-side form validates and submits.
  await page.getByLabel("Email").fill("student3@demo.local");
  await page.getByLabel("Password").fill("tensorgrade");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
  expect(violations).toEqual([]);

  const second = await page.request.get("/signin");
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(nonce);
});

test("markup injected into a page cannot run inline event handlers", async ({ page }) => {
  await page.goto("/signin");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__injected = true" onload="window.__injected = true">');
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
});

test("pages refuse every frame unless an LTI launch let its LMS in; the LTI endpoints are frameable", async ({ request }) => {
  const signin = await request.get("/signin");
  expect(signin.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(signin.headers()["x-frame-options"]).toBe("DENY");

  // The frame cookie is signed by the app: a forged one lets nobody in.
  const forged = Buffer.from(JSON.stringify(["http://evil.example"])).toString("base64url");
  const withForged = await request.get("/signin", { headers: { cookie: `tg-lti-frame=${forged}.not-a-signature` } });
  expect(withForged.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(withForged.headers()["x-frame-options"]).toBe("DENY");

  // The LMS frames the login initiation and the launch before any launch (here: refused, no parameters).
  const login = await request.get("/lti/login");
  expect(login.status()).toBe(400);
  expect(login.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(login.headers()["x-frame-options"]).toBeUndefined();

  const api = await request.get("/api/health");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
});
