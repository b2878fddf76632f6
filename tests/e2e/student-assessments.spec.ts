import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signIn } from "./support";

/**
 * The student's side of assessments (issue 16): the course page by assessment, an assessment's page, an
 * exercise reached from it with a breadcrumb back, at desktop and phone widths.
 */

const COURSE = "Neural Networks with Keras";
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a student goes from the course's assessments to one assessment, to an exercise, and back by the breadcrumb", async ({ page }, testInfo) => {
  await signIn(page, "student2@demo.local");
  await page.getByRole("link", { name: COURSE }).click();
  await expect(page.getByRole("heading", { name: COURSE, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Due next" })).toBeVisible();

  // Every assessment is a section with its title, due date and the student's own progress.
  const sections = page.locator("section[data-assessment-id]");
  expect(await sections.count()).toBeGreaterThan(0);
  for (const section of await sections.all()) {
    await expect(section.getByRole("heading", { level: 2 })).toBeVisible();
    await expect(section.getByTestId("due")).toHaveText(/^(Due .+|No deadline)$/);
    // Other specs share the demo course: an assessment whose scores are held back reads as submitted work.
    await expect(section.getByTestId("assessment-progress")).toHaveText(
      /^(\d+ of \d+ exercises? solved · [\d.]+ of \d+ points?(, set by staff)?|Scores not released yet · \d+ of \d+ exercises? submitted)$/,
    );
  }
  await saveScreenshot(page, testInfo, "course page by assessment");

  // An open assessment: one whose exercises are links.
  const open = sections.filter({ has: page.locator('tbody a[href*="/exercises/"]') }).first();
  const title = (await open.getByRole("heading", { level: 2 }).innerText()).trim();
  const exercises = await open.locator("tbody tr").count();
  await open.getByRole("heading", { level: 2 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/courses\/keras\/assessments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · ${COURSE}`));
  await expect(page.getByTestId("rules")).toContainText(/attempts? per exercise\./);
  await expect(page.getByTestId("rules")).toContainText("Each exercise counts its best attempt");
  await expect(page.locator("main tbody tr")).toHaveCount(exercises);
  await saveScreenshot(page, testInfo, "assessment page");

  const link = page.locator('main tbody a[href*="/exercises/"]').first();
  const exercise = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole("heading", { name: exercise, level: 1 })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toHaveText(`${COURSE} › ${title} › ${exercise}`);
  await crumbs.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: COURSE }).click();
  await expect(page).toHaveURL(/\/courses\/keras$/);

  // At 360 px nothing scrolls sideways but a table's own wrapper.
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "course page 360");
  await open.getByRole("heading", { level: 2 }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "assessment page 360");
});

test("an assessment of no course, or not an id, is not found; a submission names its assessment by id or is refused", async ({ page }) => {
  await signIn(page, "student2@demo.local");
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
    const response = await page.goto(`/courses/keras/assessments/${id}`);
    expect(response?.status()).toBe(404);
  }
  await page.goto("/courses/keras");
  const href = (await page.locator('section[data-assessment-id] tbody a[href*="/exercises/"]').first().getAttribute("href"))!;
  const exerciseId = new URL(href, page.url()).pathname.split("/").pop()!;
  const origin = new URL(page.url()).origin;
  const post = (query: string) =>
    page.request.post(`/api/courses/keras/exercises/${exerciseId}/submissions${query}`, { data: { code: "export {};", mode: "run" }, headers: { origin } });
  // Not an id: refused by the route's schema; an assessment the exercise is not in: not found.
  expect((await post("?assessment=not-an-id")).status()).toBe(422);
  expect((await post("?assessment=00000000-0000-4000-8000-000000000000")).status()).toBe(404);
  // An exercise page asked for an assessment that is not an id is not found either.
  expect((await page.goto(`/courses/keras/exercises/${exerciseId}?assessment=nope`))?.status()).toBe(404);
});
