import { expect, test } from "@playwright/test";
import { finalResult, replaceCode, saveScreenshot, signIn } from "./support";

/** "63" from "score 63 % (12 of 19 tests)". */
const percentIn = (text: string) => Number(/(\d+) %/.exec(text)?.[1]);
/** Attempts the header says were used: "… · 2 attempts so far · …" or "… · 1 of 3 attempts used · …". */
const attemptsIn = (text: string) => Number(/(\d+)(?: of \d+)? attempts? (?:so far|used)/.exec(text)?.[1]);

const FILLER = Array.from({ length: 80 }, (_, i) => `// note ${i + 1}`).join("\n");

test("Ctrl/⌘-Enter runs the examples without touching the code; Ctrl/⌘-Shift-Enter submits", async ({ page }) => {
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/count-parameters");
  const code = [
    "export function countDenseParams(inputDim: number, units: number[]): number {",
    "  let total = 0;",
    "  let width = inputDim;",
    "  for (const next of units) { total += width * next + next; width = next; }",
    "  return total;",
    "}",
  ].join("\n");
  await replaceCode(page, code);
  await page.keyboard.press("ControlOrMeta+Enter");
  const result = await finalResult(page);
  await expect(result.getByTestId("score")).toContainText("examples 100 %");
  // The key ran the examples instead of inserting a line.
  await expect(page.locator(".cm-content .cm-line")).toHaveCount(code.split("\n").length);

  await page.keyboard.press("ControlOrMeta+Shift+Enter");
  await expect(result.getByTestId("score")).toContainText("score 100 %", { timeout: 60_000 });
  await expect(page.locator(".cm-content .cm-line")).toHaveCount(code.split("\n").length);
});

test("a runtime error and a syntax error mark their line: gutter, tint, the line's code underlined, scrolled into view", async ({ page }, testInfo) => {
  await signIn(page, "student2@demo.local");
  await page.goto("/courses/keras/exercises/count-parameters");
  const throwing = "  for (const width of units) total += broken!.size * width;";
  await replaceCode(
    page,
    [
      "export function countDenseParams(inputDim: number, units: number[]): number {",
      "  let total = inputDim;",
      "  const broken: { size: number } | null = units.length > 99 ? { size: 1 } : null;",
      throwing,
      "  return total;",
      "}",
      FILLER,
    ].join("\n"),
  );
  // Typing ended at the bottom of an 86-line file: line 4 is a screen or more above.
  await expect(page.getByText("// note 80")).toBeInViewport();
  await page.getByRole("button", { name: "Run examples", exact: true }).click();
  const result = await finalResult(page);
  await expect(result).toContainText("(line 4, column");

  const marked = page.locator(".cm-errorLine");
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveText(throwing);
  await expect(marked).toBeInViewport();
  expect((await marked.locator(".cm-lintRange-error").allTextContents()).join("")).toBe(throwing.trim());
  const marker = page.locator(".cm-gutter-lint .cm-lint-marker-error");
  await expect(marker).toHaveCount(1);
  const [lineBox, markerBox] = [await marked.boundingBox(), await marker.boundingBox()];
  expect(markerBox!.y + markerBox!.height / 2).toBeGreaterThan(lineBox!.y);
  expect(markerBox!.y + markerBox!.height / 2).toBeLessThan(lineBox!.y + lineBox!.height);
  await saveScreenshot(page, testInfo, "runtime error marked");

  const unclosed = "  for (const width of units) total += width * (inputDim + 1;";
  await replaceCode(page, ["export function countDenseParams(inputDim: number, units: number[]): number {", "  let total = 0;", unclosed, "  return total;", "}", FILLER].join("\n"));
  await expect(page.getByText("// note 80")).toBeInViewport();
  await page.getByRole("button", { name: "Run examples", exact: true }).click();
  await expect(await finalResult(page)).toContainText("Syntax error at line 3");
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveText(unclosed);
  await expect(marked).toBeInViewport();
  // The whole line's code, not a squiggle under the one character the parser stopped at.
  expect((await marked.locator(".cm-lintRange-error").allTextContents()).join("")).toBe(unclosed.trim());
  await expect(marker).toHaveCount(1);
});

const WRONG_ONE_HOT = `export function oneHot(labels: number[], numClasses: number): number[][] {
  // first try: no check of the labels
  return labels.map((label) => Array.from({ length: numClasses }, (_, i) => (i === label ? 1 : 0)));
}
`;

const RIGHT_ONE_HOT = `export function oneHot(labels: number[], numClasses: number): number[][] {
  for (const label of labels) {
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) throw new RangeError("bad label " + label);
  }
  return labels.map((label) => Array.from({ length: numClasses }, (_, i) => (i === label ? 1 : 0)));
}
`;

test("after each Submit the header and the history update without a reload; a past attempt shows its feedback and loads its code", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/one-hot-encoding");
  const header = page.getByTestId("deadline");
  const counting = page.getByTestId("counting-score");
  const rows = page.locator(".history tbody tr");
  const attemptsBefore = attemptsIn(await header.innerText());
  const rowsBefore = await rows.count();
  const bestBefore = (await counting.innerText()).includes("%") ? percentIn(await counting.innerText()) : 0;

  await replaceCode(page, WRONG_ONE_HOT);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  let result = await finalResult(page);
  const wrongScore = percentIn(await result.getByTestId("score").innerText());
  expect(wrongScore).toBeLessThan(100);
  const wrongFeedback = await result.locator("ul.tests > li").allInnerTexts();
  expect(wrongFeedback.length).toBeGreaterThan(0);
  await expect(header).toContainText(new RegExp(`\\b${attemptsBefore + 1} attempts? so far`));
  await expect(counting).toContainText(`${Math.max(bestBefore, wrongScore)} %`);
  await expect(rows).toHaveCount(rowsBefore + 1);
  await expect(rows.first().locator("td").nth(2)).toHaveText(`${wrongScore} %`);

  await replaceCode(page, RIGHT_ONE_HOT);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  result = await finalResult(page);
  await expect(result.getByTestId("score")).toContainText("score 100 %");
  await expect(header).toContainText(new RegExp(`\\b${attemptsBefore + 2} attempts? so far`));
  await expect(counting).toContainText("Your score that counts: 100 %");
  await expect(rows).toHaveCount(rowsBefore + 2);
  await expect(rows.first().locator("td").nth(2)).toHaveText("100 %");

  // The first of the two attempts (the history is newest first): its feedback as it was shown after submitting.
  const first = rows.nth(1);
  await first.getByText("Feedback and code").click();
  const past = first.getByTestId("attempt-result");
  await expect(past).toBeVisible();
  await expect(past.getByTestId("score")).toContainText(`score ${wrongScore} %`);
  expect(await past.locator("ul.tests > li").allInnerTexts()).toEqual(wrongFeedback);
  await expect(past.locator("li.fail").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "attempt history with feedback");

  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await first.getByRole("button", { name: "Load this code into the editor" }).click();
  expect(await asked).toBe("Replace the code in the editor with this attempt's code?");
  await expect(page.locator(".cm-content")).toContainText("// first try: no check of the labels");
  await expect(page.locator(".cm-content")).not.toContainText("bad label");
  await expect(page.locator(".cm-content")).toBeFocused();
});

test("with limited attempts, Submit first says which attempt of how many it spends", async ({ page, browser }) => {
  const limit = 2;
  const instructor = await browser.newPage();
  await signIn(instructor, "instructor@demo.local");
  await instructor.goto("/courses/keras/manage/assignments");
  await instructor.locator('tr[data-exercise-id="weight-penalty"] a[href*="/manage/assignments/"]').first().click();
  await instructor.getByLabel("Attempt limit").fill(String(limit));
  await instructor.getByRole("button", { name: "Save assignment" }).click();
  await expect(instructor.getByText(/^Saved Attempt limit\./)).toBeVisible();
  await instructor.close();

  await signIn(page, "student3@demo.local");
  await page.goto("/courses/keras/exercises/weight-penalty");
  const header = page.getByTestId("deadline");
  await expect(header).toContainText(`0 of ${limit} attempts used`);
  const submit = page.getByRole("button", { name: "Submit", exact: true });
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/submissions")) posts++;
  });
  const answer = (accept: boolean) =>
    new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      }),
    );

  let asked = answer(false);
  await submit.click();
  expect(await asked).toBe(`This is attempt 1 of ${limit}. Submit it for grading?`);
  // Cancelled: nothing was sent, no attempt spent.
  await expect(header).toContainText(`0 of ${limit} attempts used`);
  expect(posts).toBe(0);

  asked = answer(true);
  await submit.click();
  expect(await asked).toBe(`This is attempt 1 of ${limit}. Submit it for grading?`);
  await finalResult(page);
  await expect(header).toContainText(`1 of ${limit} attempts used`);

  asked = answer(true);
  await submit.click();
  expect(await asked).toBe(`This is attempt ${limit} of ${limit}, your last. Submit it for grading?`);
  await expect(header).toContainText(`${limit} of ${limit} attempts used`, { timeout: 60_000 });
  await expect(submit).toHaveAttribute("aria-disabled", "true");
  expect(posts).toBe(2);
});

// Last in the file: it spends this student's Runs for the minute.
test("Runs have a budget of their own: a refused Run counts down and comes back, Submit stays available", async ({ page }) => {
  await page.clock.install();
  await signIn(page, "student3@demo.local");
  await page.goto("/courses/keras/exercises/count-parameters");
  const endpoint = "/api/courses/keras/exercises/count-parameters/submissions";
  const origin = new URL(page.url()).origin;
  // Spend the Runs of the minute (409s, for a Run still being graded, count as well). The window
  // slides: Runs this student made in the previous minute fade second by second, so a refusal may
  // come with a wait of a second or two. Such a wait is waited out and the spending goes on, until
  // a refusal leaves time enough for the click below to be refused as well.
  const statuses: number[] = [];
  let retryAfter = 0;
  while (retryAfter < 4 && statuses.length <= 90) {
    const response = await page.request.post(endpoint, { data: { code: "export const countDenseParams = () => 0;", mode: "run" }, headers: { Origin: origin } });
    statuses.push(response.status());
    if (response.status() !== 429) continue;
    retryAfter = Number(response.headers()["retry-after"]);
    if (retryAfter < 4) await new Promise((resolve) => setTimeout(resolve, retryAfter * 1_000 + 200));
  }
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.every((status) => status === 202 || status === 409 || status === 429)).toBe(true);

  // Time stands still in the page until the test moves it.
  await page.clock.pauseAt(new Date(Date.now() + 1_000));
  const run = page.getByRole("button", { name: "Run examples", exact: true });
  const submit = page.getByRole("button", { name: "Submit", exact: true });
  const refused = page.waitForResponse((response) => response.url().endsWith(endpoint) && response.request().method() === "POST");
  await run.click();
  const response = await refused;
  expect(response.status()).toBe(429);
  const wait = Number(response.headers()["retry-after"]);
  expect(wait).toBeGreaterThan(1);
  expect(wait).toBeLessThanOrEqual(60);

  const note = page.getByTestId("retry-countdown");
  await expect(note).toHaveText(`Too many runs (30 a minute). Try again in ${wait} s.`);
  await expect(run).toHaveAttribute("aria-disabled", "true");
  await expect(submit).toHaveAttribute("aria-disabled", "false");
  // A screen reader hears the refusal once, not every second of the countdown.
  const announcement = page.getByTestId("result-announcement");
  await expect(announcement).toHaveText(`Too many runs (30 a minute). Try again in ${wait} s.`);
  // Second by second (each tick schedules the next once the page has drawn the last one).
  for (let left = wait - 1; left > 0; left--) {
    await page.clock.runFor(1_000);
    await expect(note).toHaveText(`Too many runs (30 a minute). Try again in ${left} s.`);
  }
  await expect(announcement).toHaveText(`Too many runs (30 a minute). Try again in ${wait} s.`);
  await page.clock.runFor(1_000);
  await expect(note).toHaveCount(0);
  await expect(run).toHaveAttribute("aria-disabled", "false");
});
