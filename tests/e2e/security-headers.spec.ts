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
