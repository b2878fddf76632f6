import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signIn } from "./support";

const WRONG_ADAM = `export function adamStep(w: number[], g: number[], state: { m: number[]; v: number[]; t: number }, hp: { lr: number; beta1: number; beta2: number; epsilon: number }) {
  const t = state.t + 1;
  const m = state.m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]);
  const v = state.v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * g[i] * g[i]);
  const next = w.map((wi, i) => wi - (hp.lr * m[i]) / (Math.sqrt(v[i]) + hp.epsilon));
  return { w: next, state: { m, v, t } };
}
`;

/** Presses a preview button and returns the percentage it scored once the grader has answered. */
async function runPreview(page: Page, source: "solution" | "starter", label: string): Promise<number> {
  const panel = page.getByTestId(`preview-${source}`);
  await panel.getByRole("button", { name: label }).click();
  const result = panel.getByTestId("submission-result");
  await expect(result).toHaveAttribute("data-status", "graded", { timeout: 90_000 });
  const text = (await result.getByTestId("score").textContent()) ?? "";
  const match = /score (\d+) %/.exec(text);
  expect(match, `a score in "${text}"`).not.toBeNull();
  return Number(match![1]);
}

test("an instructor browses the catalogue, previews Adam and runs its reference and starter through the grader", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, "instructor@demo.local");
  await page.goto("/courses/keras/manage/exercises");
  await expect(page.getByRole("heading", { name: "Exercises", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Optimizers", level: 3 })).toBeVisible();
  const adamRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Adam", exact: true }) });
  await expect(adamRow).toContainText("Code");
  await expect(adamRow).toContainText("Assigned");
  await expect(page.getByTestId("exercise-health")).toContainText("Every package in exercises/ loaded.");
  await saveScreenshot(page, testInfo, "catalogue and health");

  await adamRow.getByRole("link", { name: "Adam", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Adam", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "As a student sees it" })).toBeVisible();
  await expect(page.locator(".prompt .katex").first()).toBeVisible();
  await expect(page.locator(".cm-content")).toContainText("export function");

  expect(await runPreview(page, "solution", "Run reference solution")).toBe(100);
  const solution = page.getByTestId("preview-solution");
  // The instructor sees the hidden tests too.
  await expect(solution.locator("li", { hasText: "(hidden)" }).first()).toBeVisible();
  expect(await runPreview(page, "starter", "Run starter")).toBeLessThan(100);
  await expect(page.getByTestId("preview-starter").locator("li.fail").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "adam preview after both runs");
});

test("a student gets not found for the exercise catalogue, a preview and a preview run", async ({ page }) => {
  await signIn(page, "student1@demo.local");
  for (const path of ["/courses/keras/manage/exercises", "/courses/keras/manage/exercises/adam"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const response = await page.request.post("/courses/keras/manage/exercises/adam/runs", {
    data: { source: "solution" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(404);
});

test("an instructor regrades Adam's submissions and follows the progress to the end", async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student, "student1@demo.local");
  const created = await student.request.post("/api/courses/keras/exercises/adam/submissions", {
    data: { code: WRONG_ADAM, mode: "submit" },
    headers: { Origin: new URL(student.url()).origin },
  });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(async () => ((await (await student.request.get(`/api/submissions/${id}`)).json()) as { status: string }).status, { timeout: 90_000 })
    .toBe("graded");
  await studentContext.close();

  await signIn(page, "instructor@demo.local");
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: "Adam", exact: true }).click();
  await page.getByRole("link", { name: "Regrade submissions" }).click();
  await expect(page.getByRole("heading", { name: "Regrade: Adam", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "(current)" })).toContainText(/\d+/);
  await page.getByRole("button", { name: "Regrade all submissions" }).click();
  const progress = page.getByTestId("regrade-progress");
  await expect(progress).toHaveAttribute("data-finished", "true", { timeout: 120_000 });
  await expect(progress).toContainText(/(\d+) of \1 submissions? \(100 %\)/);
  // Same code, same exercise version: a deterministic grader gives every submission the same score again.
  await expect(page.getByTestId("regrade-report")).toContainText("No score changed");
  await saveScreenshot(page, testInfo, "regrade finished");
});
