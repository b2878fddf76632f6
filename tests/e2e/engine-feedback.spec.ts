import { expect, test } from "@playwright/test";
import softmax from "../../exercises/softmax/exercise";
import { resolveLimits } from "../../lib/grading/limits";
import { CodeExerciseSchema } from "../../lib/exercises/schema";
import { replaceCode, saveScreenshot, signIn, submitAndWait } from "./support";

// Seven lines, the last "}" missing: the parser runs into the end of the file on line 7. (Adam's
// grader appends a harness after the student's code; the error used to be reported inside it.)
const ADAM_WITHOUT_LAST_BRACE = [
  "export function adamStep(w: number[], g: number[], state: { m: number[]; v: number[]; t: number }, hp: { lr: number; beta1: number; beta2: number; epsilon: number }) {",
  "  const t = state.t + 1;",
  "  const m = state.m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]);",
  "  const v = state.v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * g[i] * g[i]);",
  "  const mHat = m.map((mi) => mi / (1 - hp.beta1 ** t));",
  "  const vHat = v.map((vi) => vi / (1 - hp.beta2 ** t));",
  "  return { w: w.map((wi, i) => wi - (hp.lr * mHat[i]) / (Math.sqrt(vHat[i]) + hp.epsilon)), state: { m, v, t } };",
].join("\n");

const ENDLESS_SOFTMAX = "export function softmax(logits: number[][]): number[][] {\n  while (true) {}\n}\n";

test.beforeEach(async ({ page }) => {
  await signIn(page, "student1@demo.local");
});

test("a syntax error in adam is reported at the student's own line", async ({ page }, testInfo) => {
  await page.goto("/courses/keras/exercises/adam");
  await replaceCode(page, ADAM_WITHOUT_LAST_BRACE);
  await expect(page.locator(".cm-content .cm-line")).toHaveCount(7);
  const result = await submitAndWait(page, "Submit");
  await expect(result).toContainText("Your code did not compile");
  await expect(result.locator("pre.message")).toHaveText(/^Syntax error at line 7, column \d+: '}' expected\.$/);
  await saveScreenshot(page, testInfo, "adam syntax error");
});

test("an endless loop in softmax stops at the first time limit; the other tests are reported as not run", async ({ page }, testInfo) => {
  const exercise = CodeExerciseSchema.parse(softmax);
  const limitS = resolveLimits(exercise.limits).callMs / 1000;
  const names = [...exercise.examples, ...exercise.tests].map((t) => t.name);

  await page.goto("/courses/keras/exercises/softmax");
  await replaceCode(page, ENDLESS_SOFTMAX);
  const result = await submitAndWait(page, "Submit");
  await expect(result).toContainText("Time limit reached");
  await expect(result.locator("pre.message")).toHaveText(
    `Your code ran past the ${limitS} s time limit in test "${names[0]}"; the ${names.length - 1} tests after it were not run.`,
  );
  // The whole sentence is on screen: it wraps instead of running off the side.
  expect(await result.locator("pre.message").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const tests = result.locator("ul.tests > li");
  await expect(tests).toHaveCount(names.length);
  await expect(tests.first()).toContainText(`ran past the ${limitS} s time limit`);
  await expect(tests.filter({ hasText: /not run$/ })).toHaveCount(names.length - 1);
  // No hints, no misconception, no values: nothing in the verdict says anything about the answer.
  await expect(result).not.toContainText("Hint:");
  await expect(result).not.toContainText("got");
  await saveScreenshot(page, testInfo, "softmax endless loop");
});
