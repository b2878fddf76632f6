import { expect, test } from "@playwright/test";
import { replaceCode, saveScreenshot, signIn, submitAndWait } from "./support";

const WRONG_ADAM = `export function adamStep(w: number[], g: number[], state: { m: number[]; v: number[]; t: number }, hp: { lr: number; beta1: number; beta2: number; epsilon: number }) {
  const t = state.t + 1;
  const m = state.m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]);
  const v = state.v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * g[i] * g[i]);
  // forgot the bias correction
  const next = w.map((wi, i) => wi - (hp.lr * m[i]) / (Math.sqrt(v[i]) + hp.epsilon));
  return { w: next, state: { m, v, t } };
}
`;

const RIGHT_ADAM = `export function adamStep(w, g, state, hp) {
  const t = state.t + 1;
  const m = state.m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]);
  const v = state.v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * g[i] * g[i]);
  const mHat = m.map((mi) => mi / (1 - Math.pow(hp.beta1, t)));
  const vHat = v.map((vi) => vi / (1 - Math.pow(hp.beta2, t)));
  return { w: w.map((wi, i) => wi - (hp.lr * mHat[i]) / (Math.sqrt(vHat[i]) + hp.epsilon)), state: { m, v, t } };
}
`;

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}

test("a student submits a wrong Adam, sees which hidden tests fail, fixes it and gets full marks", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local");
  // Other specs share the server and may have solved other exercises (or Adam) as this student already.
  const solvedBefore = Number(/(\d+) solved/.exec(await page.getByTestId("progress").innerText())?.[1]);
  expect(Number.isInteger(solvedBefore)).toBe(true);
  await page.goto("/courses/keras/exercises/adam");
  await expect(page.getByRole("heading", { name: "Adam", level: 1 })).toBeVisible();
  await expect(page.locator(".prompt .katex").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "exercise page");
  const attemptsBefore = await page.locator(".history tbody tr").count();
  const adamSolvedBefore = (await page.getByTestId("counting-score").innerText()).includes("100 %");

  await replaceCode(page, WRONG_ADAM);
  let result = await submitAndWait(page, "Submit");
  await expect(result.getByTestId("score")).not.toContainText("100 %");
  const failed = result.locator("li.fail");
  expect(await failed.count()).toBeGreaterThan(0);
  await expect(result.locator("li.fail").filter({ hasText: "(hidden)" }).first()).toBeVisible();
  await saveScreenshot(page, testInfo, "wrong submission");

  await replaceCode(page, RIGHT_ADAM);
  result = await submitAndWait(page, "Submit");
  await expect(result.getByTestId("score")).toContainText("100 %");
  await expect(result.locator("li.fail")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("counting-score")).toContainText("100 %");
  await expect(page.locator(".history tbody tr")).toHaveCount(attemptsBefore + 2);
  await expect(page.locator(".cm-content")).toContainText("mHat");

  await page.goto("/");
  await expect(page.getByTestId("progress")).toContainText(`${solvedBefore + (adamSolvedBefore ? 0 : 1)} solved`);
  await saveScreenshot(page, testInfo, "home");
  await page.goto("/courses/keras");
  await saveScreenshot(page, testInfo, "course page");
});

test("a syntax error is reported with its line, marked in the editor", async ({ page }) => {
  await signIn(page, "student2@demo.local");
  await page.goto("/courses/keras/exercises/batching");
  await replaceCode(page, "export function stepsPerEpoch(n: number, b: number) {\n  return Math.ceil(n / b;\n}\n");
  const result = await submitAndWait(page, "Run examples");
  await expect(result).toContainText(/line 2/);
  await expect(page.locator(".cm-lintRange-error, .cm-lint-marker-error").first()).toBeVisible();
});

test("Run draws a wrong activation curve over the expected one and marks where they part", async ({ page }, testInfo) => {
  await signIn(page, "student3@demo.local");
  await page.goto("/courses/keras/exercises/activation-functions");
  await replaceCode(
    page,
    [
      "export const sigmoid = (x: number[]) => x.map((v) => 1 / (1 + Math.exp(v)));",
      "export const tanh = (x: number[]) => x.map(Math.tanh);",
      "export const relu = (x: number[]) => x.map((v) => Math.max(0, v));",
      "export const leakyRelu = (x: number[], alpha: number) => x.map((v) => (v < 0 ? alpha * v : v));",
    ].join("\n"),
  );
  const result = await submitAndWait(page, "Run examples");
  const chart = result.locator("figure.curve").first();
  await expect(chart).toBeVisible();
  await expect(chart.locator(".parting circle")).toHaveCount(1);
  await expect(chart).toContainText(/part from the expected curve at x -?\d+/);
  await saveScreenshot(page, testInfo, "curve feedback");
});

test("Run draws an optimizer's path over the expected one, and an early stop on the validation curve", async ({ page }, testInfo) => {
  await signIn(page, "student2@demo.local");
  await page.goto("/courses/keras/exercises/sgd-momentum");
  // Forgets the velocity it is given: the first step is right, the path parts at the second.
  await replaceCode(
    page,
    "export function momentumStep(w: number[], g: number[], velocity: number[], lr: number, momentum: number) {\n" +
      "  const v = g.map((gi) => -lr * gi);\n  return { w: w.map((wi, i) => wi + v[i]), velocity: v };\n}\n",
  );
  let result = await submitAndWait(page, "Run examples");
  const path = result.getByTestId("curve-chart").first();
  await expect(path).toHaveAttribute("data-parting", "2");
  await expect(path).toContainText("part from the expected curve at step 2");
  await expect(path.locator(".parting-label")).toHaveText("parts at step 2");
  await saveScreenshot(page, testInfo, "optimizer trajectory feedback");

  await page.goto("/courses/keras/exercises/early-stopping");
  // Off by one: stops only once the wait exceeds the patience.
  await replaceCode(
    page,
    "export function earlyStopping(valLosses: number[], patience: number, minDelta = 0) {\n" +
      "  let best = Infinity, bestEpoch = 0, wait = 0;\n" +
      "  for (let e = 0; e < valLosses.length; e++) {\n" +
      "    if (valLosses[e] < best - minDelta) { best = valLosses[e]; bestEpoch = e; wait = 0; } else if (++wait > patience) return { stoppedEpoch: e, bestEpoch };\n" +
      "  }\n  return { stoppedEpoch: null, bestEpoch };\n}\n",
  );
  result = await submitAndWait(page, "Run examples");
  const marks = result.getByTestId("marks-chart").first();
  await expect(marks).toHaveAttribute("data-differs", "yes");
  await expect(marks).toContainText("stopped epoch: expected 10, yours 11 (differs).");
  await expect(marks).toContainText("best epoch: expected 7, yours 7 (matches).");
  await saveScreenshot(page, testInfo, "early stopping feedback");
});

test("a draft is kept on the server and follows the student to a fresh browser", async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, "student1@demo.local");
  await page.goto("/courses/keras/exercises/softmax");
  const marker = `// draft ${Date.now()}`;
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText(`\n${marker}\n`);
  await expect(page.getByTestId("draft-status")).toHaveText(/Saving…|Saved/);
  await expect(page.getByTestId("draft-status")).toHaveText("Saved", { timeout: 10_000 });
  await first.close();

  // No localStorage here: the draft can only come from the server.
  const second = await browser.newContext();
  const again = await second.newPage();
  await signIn(again, "student1@demo.local");
  await again.goto("/courses/keras/exercises/softmax");
  await expect(again.locator(".cm-content")).toContainText(marker);
  const html = await (await again.request.get("/courses/keras/exercises/softmax")).text();
  expect(html).toContain(marker.slice(3));
  await second.close();
});

test("a quiz variant is the same after a reload and differs between two students", async ({ browser }, testInfo) => {
  const numbersOf = async (email: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    await page.goto("/courses/keras/exercises/steps-per-epoch");
    await saveScreenshot(page, testInfo, `quiz for ${email}`);
    const first = await page.locator(".quiz .question .prompt").first().innerText();
    await page.reload();
    const again = await page.locator(".quiz .question .prompt").first().innerText();
    await context.close();
    return { first, again };
  };
  const one = await numbersOf("student1@demo.local");
  const three = await numbersOf("student3@demo.local");
  expect(one.again).toBe(one.first);
  expect(three.first).not.toBe(one.first);
});

test("a student cannot read another student's submission", async ({ browser }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, "student3@demo.local");
  const created = await ownerPage.request.post("/api/courses/keras/exercises/batching/submissions", {
    data: { code: "export const stepsPerEpoch = () => 0; export const batchSizes = () => [];", mode: "run" },
    headers: { Origin: new URL(ownerPage.url()).origin },
  });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  expect((await ownerPage.request.get(`/api/submissions/${id}`)).status()).toBe(200);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "student2@demo.local");
  const peek = await otherPage.request.get(`/api/submissions/${id}`);
  expect(peek.status()).toBe(404);
  expect(await peek.text()).not.toContain("stepsPerEpoch");
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`http://localhost:${process.env.E2E_PORT ?? 3100}/api/submissions/${id}`)).status()).toBe(401);
  await Promise.all([owner.close(), other.close(), anonymous.close()]);
});

test("a cross-site POST is refused even with the student's cookie", async ({ page }) => {
  await signIn(page, "student1@demo.local");
  const response = await page.request.post("/api/courses/keras/exercises/batching/submissions", {
    data: { code: "x", mode: "run" },
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("no reference solution reaches the browser", async ({ page }) => {
  const { readFileSync } = await import("node:fs");
  await signIn(page, "student1@demo.local");
  for (const id of ["adam", "softmax", "early-stopping", "dropout"]) {
    const html = await (await page.request.get(`/courses/keras/exercises/${id}`)).text();
    const solution = readFileSync(`exercises/${id}/solution.ts`, "utf8");
    // Lines the starter or prompt share with the solution (signatures, types) are public anyway.
    const shown = readFileSync(`exercises/${id}/starter.ts`, "utf8") + readFileSync(`exercises/${id}/prompt.md`, "utf8");
    const distinctive = solution
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 30 && !shown.includes(line) && !line.startsWith("//") && !line.startsWith("*"));
    expect(distinctive.length).toBeGreaterThan(0);
    for (const line of distinctive) {
      const forms = [line, escapeHtml(line), JSON.stringify(line).slice(1, -1), escapeHtml(JSON.stringify(line).slice(1, -1))];
      for (const form of forms) expect(html, `${id}: "${line}"`).not.toContain(form);
    }
  }
});
