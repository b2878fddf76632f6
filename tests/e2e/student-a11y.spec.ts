import { expect, test, type Page, type TestInfo } from "@playwright/test";

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tensorgrade");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
}

/** Widest element that sticks out of the viewport, for a useful failure message. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    let widest: string | null = null;
    let right = 0;
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 && box.right > right && getComputedStyle(element).position !== "fixed") {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}.${String(element.className).split(" ").join(".")}`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest };
  });
}

/** The element that has the keyboard focus, described by role-ish attributes. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      text: element?.innerText?.trim().slice(0, 40) ?? "",
      type: element?.getAttribute("type") ?? "",
      name: element?.getAttribute("name") ?? "",
      inEditor: Boolean(element?.closest(".cm-editor")),
      testId: element?.getAttribute("data-testid") ?? "",
      checked: (element as HTMLInputElement | null)?.checked ?? false,
      value: (element as HTMLInputElement | null)?.value ?? "",
    };
  });

/** Presses Tab until `done` holds for the focused element (at most `limit` times). */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (done(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

test.describe("at phone width (375 × 812)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("home, course, code and quiz pages fit without horizontal scrolling", async ({ page }, testInfo) => {
    await signIn(page, "student2@demo.local");
    for (const [name, url] of [
      ["home", "/"],
      ["course page", "/courses/keras"],
      ["code exercise", "/courses/keras/exercises/adam"],
      ["drawn feedback exercise", "/courses/keras/exercises/early-stopping"],
      ["quiz", "/courses/keras/exercises/steps-per-epoch"],
    ] as const) {
      await page.goto(url);
      await expect(page.locator("h1")).toBeVisible();
      if (url.includes("early-stopping")) {
        // With a result on the page: the charts and test messages must fit too.
        await page.getByRole("button", { name: "Run examples" }).click();
        await expect(page.getByTestId("submission-result")).toHaveAttribute("data-status", /graded|error/, { timeout: 60_000 });
      }
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, `${name} is wider than the screen (widest: ${overflow.widest})`).toBeLessThanOrEqual(overflow.innerWidth);
      await saveScreenshot(page, testInfo, `phone ${name}`);
    }
  });
});

test("keyboard only: reach the editor, type, leave it, Run and Submit, and hear and reach the result", async ({ page }, testInfo) => {
  await signIn(page, "student3@demo.local");
  await page.goto("/courses/keras/exercises/batching");
  await page.locator("body").focus();

  await tabUntil(page, (f) => f.inEditor);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("export const stepsPerEpoch = (n: number, b: number) => Math.ceil(n / b);\nexport const batchSizes = (n: number, b: number) => [b];\n");
  // As a person would: Esc only once the editor shows what was typed (it reads typed input asynchronously).
  await expect(page.locator(".cm-content")).toContainText("batchSizes");
  // Tab inside the editor indents; Esc then Tab moves on.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ tag: "button", text: "Run examples" });

  const announcement = page.getByTestId("result-announcement");
  await expect(announcement).toHaveAttribute("aria-live", "polite");
  await page.keyboard.press("Enter");
  await expect(announcement).toHaveText(/^Run graded\. \d+ %, \d+ of \d+ tests passed\./, { timeout: 60_000 });

  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ tag: "button", text: "Submit" });
  await page.keyboard.press("Space");
  await expect(announcement).toHaveText(/^Submission graded\. \d+ %, \d+ of \d+ tests passed\./, { timeout: 60_000 });

  const result = await tabUntil(page, (f) => f.testId === "submission-result", 10);
  expect(result.text).toMatch(/Graded/);
  await expect(page.getByTestId("draft-status")).toHaveText("Saved");
  await saveScreenshot(page, testInfo, "keyboard result");
});

test("keyboard only: a quiz can be answered and submitted, with feedback per question", async ({ page }, testInfo) => {
  await signIn(page, "student3@demo.local");
  await page.goto("/courses/keras/exercises/steps-per-epoch");
  await page.locator("body").focus();
  const answered = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.tag === "button" && f.text === "Submit answers") break;
    if (f.tag !== "input" || answered.has(f.name)) continue;
    answered.add(f.name);
    if (f.type === "radio" || f.type === "checkbox") await page.keyboard.press("Space");
    else await page.keyboard.type("3");
  }
  const questions = await page.locator(".quiz .question").count();
  expect(answered.size).toBe(questions);
  expect(await focused(page)).toMatchObject({ tag: "button", text: "Submit answers" });
  await page.keyboard.press("Enter");
  await expect(page.locator(".quiz .feedback")).toHaveCount(questions);
  await expect(page.getByTestId("quiz-announcement")).toHaveText(/Score: \d+ %/);
  await saveScreenshot(page, testInfo, "keyboard quiz");
});
