import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { replaceCode, saveScreenshot, signIn, submitAndWait } from "./support";

// Staircase rounded up instead of down: right without staircase, wrong from step 100 on with it.
const CEIL_SCHEDULES = `const progress = (step, decaySteps, staircase) => (staircase ? Math.ceil(step / decaySteps) : step / decaySteps);
export const inverseTimeDecay = (lr, step, decaySteps, rate, staircase = false) => lr / (1 + rate * progress(step, decaySteps, staircase));
export const exponentialDecay = (lr, step, decaySteps, rate, staircase = false) => lr * Math.pow(rate, progress(step, decaySteps, staircase));
export function piecewiseConstant(step, boundaries, values) {
  if (values.length !== boundaries.length + 1) throw new Error("one more value than boundaries");
  const i = boundaries.findIndex((b) => step <= b);
  return values[i === -1 ? boundaries.length : i];
}
`;

const CLASSIFIER = `import * as tf from "@tensorflow/tfjs";
export function buildModel(inputDim: number, numClasses: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputDim], units: 24, activation: "relu" }));
  model.add(tf.layers.dense({ units: numClasses, activation: "softmax" }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  return model;
}
`;

test("lr-schedules draws the learning rate over steps and names the step where the student's schedule parts", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/lr-schedules");
  await replaceCode(page, CEIL_SCHEDULES);
  const result = await submitAndWait(page, "Run examples", { timeout: 90_000 });

  const staircase = result.locator("li").filter({ hasText: "exponentialDecay with staircase over 5000 steps" });
  const chart = staircase.getByTestId("curve-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator("text.axis-label").first()).toHaveText("step");
  await expect(chart.locator("text.axis-label").nth(1)).toHaveText("learning rate");
  const xTicks = chart.locator("svg text.tick[text-anchor='middle']");
  await expect(xTicks).toHaveText(["0", "5000"]);
  // ceil puts step 100 in the second period already: the chart and its message say "step 100", not "index 1".
  await expect(chart.locator(".parting-label")).toHaveText("parts at step 100");
  await expect(chart.locator("figcaption")).toContainText("at step 100: expected 0.1, got 0.05");
  await expect(staircase.locator(".test-message").first()).toHaveText("at step 100: expected 0.1, got 0.05");
  await expect(result).not.toContainText("index");

  // Every y tick label fits inside the chart: its left end is not cut off by the picture's edge.
  for (const tick of await chart.locator("svg text.tick[text-anchor='end']").all()) {
    const [label, svg] = await Promise.all([tick.boundingBox(), chart.locator("svg").boundingBox()]);
    expect(label!.x).toBeGreaterThanOrEqual(svg!.x);
  }

  // inverseTimeDecay(0.1, 2500, 1000, 0.5, true) with ceil: 0.1 / (1 + 0.5·3) = 0.04, said once.
  const scalar = result.locator("li").filter({ hasText: "example: inverseTimeDecay(0.1, 2500, 1000, 0.5, true)" });
  await expect(scalar).toContainText("expected 0.05, got 0.04");
  expect((await scalar.innerText()).match(/expected 0\.05/g)).toHaveLength(1);
  await saveScreenshot(page, testInfo, "lr-schedules examples");
});

test("build-classifier's example reads as the student's call and shows a summary of their trained model", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/build-classifier");
  const examples = page.locator("ul.examples");
  await expect(examples).toContainText("buildModel(4, 3), trained by the grader for 40 epochs (batches of 32) on 240 samples");
  await expect(examples).not.toContainText("__tensorgrade");

  await replaceCode(page, CLASSIFIER);
  const result = await submitAndWait(page, "Run examples", { timeout: 90_000 });
  await expect(result.getByTestId("score")).toContainText("100 %");
  const summary = result.getByTestId("model-summary");
  await expect(summary).toBeVisible();
  await expect(summary.locator("li")).toHaveText(["Input: 4 features", "Dense: 24 units, relu", "Dense: 3 units, softmax"]);
  // 4·24 + 24 weights and biases into the hidden layer, 24·3 + 3 into the output.
  await expect(summary.getByTestId("model-parameters")).toHaveText(String(4 * 24 + 24 + 24 * 3 + 3));
  await expect(summary.getByTestId("model-accuracy")).toContainText(/\d+\.\d % on data your model never saw/);
  await expect(summary.locator("svg text.axis-label").first()).toHaveText("epoch");
  await expect(summary.locator("svg text.tick[text-anchor='middle']")).toHaveText(["1", "40"]);
  await expect(page.locator("body")).not.toContainText("__tensorgrade");
  await expect(result).not.toContainText('\\"');
  await saveScreenshot(page, testInfo, "build-classifier examples");
});

test("momentum-escape draws the ball's positions on f(w), the student's over the expected, and fits a phone", async ({ page }, testInfo) => {
  const solution = readFileSync(path.resolve(import.meta.dirname, "../../exercises/momentum-escape/solution.ts"), "utf8");
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/momentum-escape");
  await replaceCode(page, solution);
  const result = await submitAndWait(page, "Run examples", { timeout: 90_000 });
  await expect(result.getByTestId("score")).toContainText("100 %");

  const escape = result.locator("li").filter({ hasText: "over the barrier to the global minimum" });
  const chart = escape.getByTestId("path-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("data-parting", "none");
  await expect(chart.locator("text.axis-label")).toHaveText(["w", "f(w)"]);
  await expect(chart.locator("svg path.shared")).toHaveCount(1);
  // momentumTrajectory(2, 0.05, 0.8, 60): 61 positions, expected and the student's.
  await expect(chart.locator("circle.expected-point")).toHaveCount(61);
  await expect(chart.locator("rect.actual-point")).toHaveCount(61);
  await expect(chart.locator("figcaption")).toContainText(/The expected path starts at w = 2 and ends at w = -1\.47\d after 60 steps\./);
  await expect(chart.locator("figcaption")).toContainText("Your positions follow the expected path.");
  // The same trajectory over the steps stays beside it.
  await expect(escape.getByTestId("curve-chart")).toBeVisible();
  const stays = result.locator("li").filter({ hasText: "no momentum, the ball settles near 1.35" });
  await expect(stays.getByTestId("path-chart").locator("figcaption")).toContainText("ends at w = 1.347 after 40 steps");
  await saveScreenshot(page, testInfo, "momentum-escape examples");

  // At phone width the figure shrinks with the page: nothing sticks out past the viewport.
  await page.setViewportSize({ width: 390, height: 844 });
  await chart.scrollIntoViewIfNeeded();
  for (const box of [await chart.boundingBox(), await chart.locator("svg").boundingBox()]) {
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await saveScreenshot(page, testInfo, "momentum-escape examples at 390 px");
});
