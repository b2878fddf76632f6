import { expect, test, type Page } from "@playwright/test";
import { focused, tabUntil, type FocusOptions } from "./a11y-helpers";
import { saveScreenshot, signIn } from "./support";

/** This spec compares the first 40 characters of the focused element's text (the shared default keeps 60). */
const FOCUS: FocusOptions = { textLength: 40 };

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

  await tabUntil(page, (f) => f.inEditor, 60, FOCUS);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("export const stepsPerEpoch = (n: number, b: number) => Math.ceil(n / b);\nexport const batchSizes = (n: number, b: number) => [b];\n");
  // As a person would: Esc only once the editor shows what was typed (it reads typed input asynchronously).
  await expect(page.locator(".cm-content")).toContainText("batchSizes");
  // Tab inside the editor indents; Esc then Tab moves on.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await focused(page, FOCUS)).toMatchObject({ tag: "button", text: "Run examples" });

  const announcement = page.getByTestId("result-announcement");
  await expect(announcement).toHaveAttribute("aria-live", "polite");
  await page.keyboard.press("Enter");
  await expect(announcement).toHaveText(/^Run graded\. \d+ %, \d+ of \d+ tests passed\./, { timeout: 60_000 });

  await page.keyboard.press("Tab");
  expect(await focused(page, FOCUS)).toMatchObject({ tag: "button", text: "Submit" });
  await page.keyboard.press("Space");
  await expect(announcement).toHaveText(/^Submission graded\. \d+ %, \d+ of \d+ tests passed\./, { timeout: 60_000 });

  const result = await tabUntil(page, (f) => f.testId === "submission-result", 10, FOCUS);
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
    const f = await focused(page, FOCUS);
    if (f.tag === "button" && f.text === "Submit answers") break;
    if (f.tag !== "input" || answered.has(f.name)) continue;
    answered.add(f.name);
    if (f.type === "radio" || f.type === "checkbox") await page.keyboard.press("Space");
    else await page.keyboard.type("3");
  }
  const questions = await page.locator(".quiz .question").count();
  expect(answered.size).toBe(questions);
  expect(await focused(page, FOCUS)).toMatchObject({ tag: "button", text: "Submit answers" });
  await page.keyboard.press("Enter");
  await expect(page.locator(".quiz .feedback")).toHaveCount(questions);
  await expect(page.getByTestId("quiz-announcement")).toHaveText(/Score: \d+ %/);
  await saveScreenshot(page, testInfo, "keyboard quiz");
});
