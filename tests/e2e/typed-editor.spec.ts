import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { finalResult, replaceCode, signIn } from "./support";

/**
 * The typed editor (issue 22): the TypeScript language service in a worker, loaded on the editor's first
 * focus, answers completions, hover, signature help and type diagnostics; a setting turns the diagnostics
 * off; a blocked worker leaves a plain editor that still Runs and Submits. Exercises no other spec uses.
 */
const TYPING_EXERCISE = "/courses/keras/exercises/activation-derivatives";
const SUBMIT_EXERCISE = "/courses/keras/exercises/loss-functions";
const RIGHT_LOSS_FUNCTIONS = readFileSync(path.resolve(import.meta.dirname, "../fixtures/students/loss-functions/right-loops.ts"), "utf8");
const IMPORT = 'import * as tf from "@tensorflow/tfjs";';

const editor = (page: Page) => page.getByTestId("code-editor");
const completions = (page: Page) => page.locator(".cm-tooltip-autocomplete");
const typeErrors = (page: Page) => page.locator(".cm-lintRange-error");

/** Focuses the editor (its first focus loads the typed editor) and waits until the typed editor is in place. */
async function focusTypedEditor(page: Page) {
  await page.locator(".cm-content").click();
  await expect(editor(page)).toHaveAttribute("data-types", "ready");
}

/** The 1-based lines of the editor that hold an underlined error. */
async function linesWithErrors(page: Page): Promise<number[]> {
  return page.locator(".cm-content").evaluate((content) => {
    const lines = [...content.querySelectorAll(":scope > .cm-line")];
    return lines.flatMap((line, index) => (line.querySelector(".cm-lintRange-error") ? [index + 1] : []));
  });
}

/** Moves the mouse over the first occurrence of `word` in the editor's text. */
async function hoverWord(page: Page, word: string) {
  const box = await page.locator(".cm-content").evaluate((content, word) => {
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(word) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, word);
  if (!box) throw new Error(`no "${word}" in the editor`);
  await page.mouse.move(box.x, box.y);
}

// The first focus of each page starts a worker that builds its program: a few seconds on a busy machine.
test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, "student3@demo.local");
});

test("nothing of the typed editor loads before the first focus; then `tf.ti` offers tidy with its signature and docs, Tab accepts; no request leaves the app's origin", async ({ page, baseURL }) => {
  const requests: Request[] = [];
  page.context().on("request", (request) => void requests.push(request));
  await page.goto(TYPING_EXERCISE);
  await expect(page.locator(".cm-content")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(requests.filter((request) => new URL(request.url()).pathname.startsWith("/editor/")).map((request) => request.url())).toEqual([]);
  await expect(editor(page)).not.toHaveAttribute("data-types", /.+/);

  await focusTypedEditor(page);
  await replaceCode(page, `${IMPORT}\n\n`);
  await page.keyboard.type("tf.ti");
  const tidy = completions(page).locator("li", { has: page.locator(".cm-completionLabel", { hasText: /^tidy$/ }) });
  await expect(tidy).toBeVisible({ timeout: 30_000 });
  // The signature is the option's detail.
  await expect(tidy.locator(".cm-completionDetail")).toContainText("(");
  await page.keyboard.type("d");
  await expect(completions(page).locator("li[aria-selected=true] .cm-completionLabel")).toHaveText("tidy");
  // The selected option's documentation, fetched from the service.
  await expect(page.locator(".cm-completionInfo")).toContainText(/clean/i, { timeout: 15_000 });
  await page.keyboard.press("Tab");
  await expect(completions(page)).toHaveCount(0);
  await expect(page.locator(".cm-content .cm-line").nth(2)).toHaveText("tf.tidy");

  expect(requests.some((request) => new URL(request.url()).pathname.startsWith("/editor/"))).toBe(true);
  const origin = new URL(baseURL!).origin;
  const elsewhere = requests.map((request) => request.url()).filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
  expect(elsewhere).toEqual([]);
});

test("with a completion list open, Esc closes it and Tab then leaves the editor", async ({ page }) => {
  await page.goto(TYPING_EXERCISE);
  await focusTypedEditor(page);
  await replaceCode(page, `${IMPORT}\n\n`);
  await page.keyboard.type("tf.ti");
  await expect(completions(page)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await expect(completions(page)).toHaveCount(0);
  await page.keyboard.press("Tab");
  const inEditor = await page.evaluate(() => Boolean(document.activeElement?.closest(".cm-editor")));
  expect(inEditor).toBe(false);
  // Tab did not indent or accept anything either.
  await expect(page.locator(".cm-content .cm-line").nth(2)).toHaveText("tf.ti");
});

test("a call with a wrong argument type is underlined on its line, with TypeScript's message; hovering tf.tidy shows its documentation; signature help follows the arguments", async ({ page }) => {
  await page.goto(TYPING_EXERCISE);
  await focusTypedEditor(page);
  // Line 4 passes a string where tf.zeros wants a shape.
  await replaceCode(page, [IMPORT, "", "const ones = tf.ones([2]);", 'const wrong = tf.zeros("three");', "const kept = tf.tidy(() => ones.add(1));", ""].join("\n"));
  await expect(typeErrors(page).first()).toBeVisible({ timeout: 30_000 });
  expect(await linesWithErrors(page)).toEqual([4]);
  await typeErrors(page).first().hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText(/Argument of type .*not assignable/);

  await page.mouse.move(0, 0);
  await hoverWord(page, "tidy");
  const hover = page.locator(".cm-tooltip-hover .cm-typeInfo");
  await expect(hover.locator(".cm-typeInfo-signature")).toContainText("tidy", { timeout: 15_000 });
  await expect(hover.locator(".cm-typeInfo-doc")).toContainText(/Executes the provided function/);

  await page.mouse.move(0, 0);
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("tf.tensor(");
  const signature = page.locator(".cm-signatureHelp");
  await expect(signature.locator(".cm-signatureHelp-active")).toHaveText(/^values/, { timeout: 15_000 });
  await page.keyboard.type("[1, 2],");
  await expect(signature.locator(".cm-signatureHelp-active")).toHaveText(/^shape/);
  await page.keyboard.press("Escape");
  await expect(signature).toHaveCount(0);
});

test("Show type errors off: no diagnostic, completions still offered, still off after a reload", async ({ page }) => {
  const wrong = [IMPORT, "", 'const wrong = tf.zeros("three");', ""].join("\n");
  await page.goto(TYPING_EXERCISE);
  const setting = page.getByRole("checkbox", { name: "Show type errors" });
  await expect(setting).toBeChecked();
  await focusTypedEditor(page);
  await replaceCode(page, wrong);
  await expect(typeErrors(page).first()).toBeVisible({ timeout: 30_000 });
  await setting.uncheck();
  await expect(typeErrors(page)).toHaveCount(0);

  await page.reload();
  await expect(setting).not.toBeChecked();
  await focusTypedEditor(page);
  await replaceCode(page, wrong);
  await page.keyboard.type("tf.ti");
  await expect(completions(page).locator(".cm-completionLabel", { hasText: /^tidy$/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  for (let i = 0; i < "tf.ti".length; i++) await page.keyboard.press("Backspace");
  await expect(typeErrors(page)).toHaveCount(0);
  // The same code with the setting on again: the diagnostic was held back by the setting alone.
  await setting.check();
  await expect(typeErrors(page).first()).toBeVisible({ timeout: 30_000 });
  expect(await linesWithErrors(page)).toEqual([3]);
});

test("with the worker blocked the editor stays a plain editor: a quiet note, and Run and Submit still score", async ({ page }) => {
  test.setTimeout(120_000);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.route("**/editor/**", (route) => route.abort());
  await page.goto(SUBMIT_EXERCISE);
  await page.locator(".cm-content").click();
  await expect(editor(page)).toHaveAttribute("data-types", "unavailable", { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Type hints could not load" })).toBeVisible();
  await replaceCode(page, RIGHT_LOSS_FUNCTIONS);
  await page.getByRole("button", { name: "Run examples", exact: true }).click();
  const result = await finalResult(page);
  await expect(result.getByTestId("score")).toContainText("examples 100 %");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(result.getByTestId("score")).toContainText("score 100 %", { timeout: 60_000 });
});
