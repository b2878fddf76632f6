import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { A11Y_SCREENSHOTS, A11Y_SIGN_IN, expectVisibleFocus, focused, tabUntil } from "./a11y-helpers";
import { saveScreenshot, signIn } from "./support";

/**
 * Keyboard only, from the page a person lands on: the student loop (course → exercise → type → Run → Submit →
 * read the result) and the instructor's main tasks (an assignment's due date; a roster row). Controls are
 * found by where they lead or what they are (href, input type, label), so wording changes do not break this.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/students");
// Exercises no other spec submits to as student1 or edits as the instructor.
const STUDENT_EXERCISE = "rmsprop";
const RIGHT_RMSPROP = readFileSync(path.join(FIXTURES, "rmsprop/right-loops.ts"), "utf8");
const INSTRUCTOR_EXERCISE = "adagrad";

// The date control's segments (month/day/year, 12-hour clock) follow the browser's locale.
test.use({ locale: "en-US" });

async function startFromTop(page: Page) {
  await page.locator("body").focus();
}

test("a student goes from the home page through an exercise to a graded submission with the keyboard alone", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "student1@demo.local", A11Y_SIGN_IN);
  await page.goto("/");
  await startFromTop(page);

  await tabUntil(page, (f) => f.href === "/courses/keras");
  await expectVisibleFocus(page, "the course link");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/courses/keras");

  await startFromTop(page);
  // The exercise's link under its assessment (with ?assessment= when it sits in several).
  await tabUntil(page, (f) => f.href === `/courses/keras/exercises/${STUDENT_EXERCISE}` || f.href.startsWith(`/courses/keras/exercises/${STUDENT_EXERCISE}?`), 150);
  await expectVisibleFocus(page, "the exercise link");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/exercises/${STUDENT_EXERCISE}(\\?.*)?$`));
  await expect(page.locator(".cm-content")).toBeVisible();

  await startFromTop(page);
  await tabUntil(page, (f) => f.inEditor);
  // The editor shows that it has focus with a whole ring, not only a caret (its wrapper used to cut the ring off).
  await expectVisibleFocus(page, "the code editor");
  await saveScreenshot(page, testInfo, "keyboard editor focused", A11Y_SCREENSHOTS);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(RIGHT_RMSPROP);
  await expect(page.locator(".cm-content")).toContainText("export");
  // Tab inside the editor indents; Esc then Tab moves on, to Run.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  const run = await focused(page);
  expect(run).toMatchObject({ tag: "button" });
  expect(run.text).toMatch(/^Run/);
  await expectVisibleFocus(page, "the Run button");
  await page.keyboard.press("Enter");
  const result = page.getByTestId("submission-result");
  await expect(result).toHaveAttribute("data-status", /graded|error/, { timeout: 90_000 });
  await expect(result).toContainText("100 %");

  // Back from wherever the page left focus to Submit.
  const submit = await tabUntil(page, (f) => f.tag === "button" && /^Submit/.test(f.text), 20);
  expect(submit.text).toMatch(/^Submit/);
  await page.keyboard.press("Enter");
  // A confirmation in the page (when attempts are limited) is answered from the keyboard too.
  const confirm = page.getByRole("alertdialog").or(page.getByRole("dialog"));
  if (await confirm.isVisible().catch(() => false)) await page.keyboard.press("Enter");
  await expect(result).toHaveAttribute("data-status", /graded|error/, { timeout: 90_000 });
  await expect(result).toContainText(/score/i);

  // The result is a stop on the Tab path, and reading it gives the score of the submission.
  const reached = await tabUntil(page, (f) => f.testId === "submission-result", 20);
  expect(reached.text).toMatch(/Graded/);
  expect(reached.text).toMatch(/100 %/);
  await expectVisibleFocus(page, "the submission result");
  await saveScreenshot(page, testInfo, "keyboard submission read", A11Y_SCREENSHOTS);
});

/**
 * mm, dd, yyyy, hh (12-hour), mm, AM/PM: what a person types into Chromium's en-US date-time control. Each
 * segment moves on by itself once full, except the year (it takes up to six digits): → moves on from it.
 */
function keysForDateTime(date: Date): { keys: string[]; value: string } {
  const pad = (n: number) => String(n).padStart(2, "0");
  const [year, month, day, hours, minutes] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return {
    keys: [pad(month), pad(day), String(year), "ArrowRight", pad(hour12), pad(minutes), hours < 12 ? "A" : "P"],
    value: `${year}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}`,
  };
}

test("an instructor changes an assignment's due date and saves it with the keyboard alone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, "instructor@demo.local", A11Y_SIGN_IN);
  await page.goto("/courses/keras/manage/assignments");
  // The link of the chosen exercise's row: Tab on from the top until it has focus.
  await startFromTop(page);
  const href = await page.locator(`tr[data-exercise-id="${INSTRUCTOR_EXERCISE}"] a[href*="/manage/assignments/"]`).first().getAttribute("href");
  await tabUntil(page, (f) => f.href === href, 200);
  await expectVisibleFocus(page, "the assignment link");
  await page.keyboard.press("Enter");
  await page.waitForURL(`**${href}`);

  // A due date 30 days ahead, at 10:30 in the course's zone (UTC for the demo course): after the demo's
  // due date (28 days) and before its late cut-off (35 days), which a due date must not pass.
  const dueAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  dueAt.setUTCHours(10, 30, 0, 0);
  const { keys, value } = keysForDateTime(dueAt);
  await startFromTop(page);
  const dueField = await tabUntil(page, (f) => f.tag === "input" && f.type === "datetime-local" && /^Due/.test(f.label));
  const due = page.locator(`[id="${dueField.id}"]`);
  for (const key of keys) await (key === "ArrowRight" ? page.keyboard.press(key) : page.keyboard.type(key));
  await expect(due).toHaveValue(value);

  const save = await tabUntil(page, (f) => f.tag === "button" && /^Save/.test(f.text), 40);
  expect(save.text).toMatch(/^Save/);
  await expectVisibleFocus(page, "the Save button");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: /saved|updated/i }).first()).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(due).toHaveValue(value);
  await saveScreenshot(page, testInfo, "keyboard assignment saved", A11Y_SCREENSHOTS);
});

test("an instructor imports a roster row with the keyboard alone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, "instructor@demo.local", A11Y_SIGN_IN);
  await page.goto("/courses/keras/manage/roster");
  const email = `keyboard-${Date.now().toString(36)}@demo.local`;

  await startFromTop(page);
  await tabUntil(page, (f) => f.tag === "input" && f.type === "file");
  await expectVisibleFocus(page, "the roster file field");
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${email},Keyboard Student\n`) });

  const importButton = await tabUntil(page, (f) => f.tag === "button" && /^Import/.test(f.text), 10);
  expect(importButton.text).toMatch(/^Import/);
  await expectVisibleFocus(page, "the Import button");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("import-report")).toContainText(email, { timeout: 30_000 });
  await page.reload();
  await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  await saveScreenshot(page, testInfo, "keyboard roster imported", A11Y_SCREENSHOTS);
});
