import { expect, type Browser, type Page } from "@playwright/test";
import { signedInPage } from "./support";

/** New students of the demo course, by one roster import; each signed in (choosing a password) on a page of their own. */
export async function newStudents(browser: Browser, instructor: Page, people: ReadonlyArray<{ name: string; email: string }>): Promise<Page[]> {
  await instructor.goto("/courses/keras/manage/roster");
  const csv = `email,name\n${people.map((person) => `${person.email},${person.name}`).join("\n")}\n`;
  await instructor.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await instructor.getByRole("button", { name: "Import roster" }).click();
  const passwords = [];
  for (const person of people) {
    const password = (await instructor.getByTestId("initial-passwords").getByRole("row").filter({ hasText: person.email }).locator(".secret").textContent()) ?? "";
    expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);
    passwords.push(password);
  }
  const pages = [];
  for (const [index, person] of people.entries()) pages.push(await signedInPage(browser, person.email, { password: passwords[index]! }));
  return pages;
}

/** A Submit of `code` through the app's JSON API as the student of `page` (not waiting for its grade: similarity reads the code). */
export async function submitCode(page: Page, exercise: string, code: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const created = await page.request.post(`/api/courses/keras/exercises/${exercise}/submissions`, { data: { code, mode: "submit" }, headers: { origin } });
  expect(created.status(), await created.text()).toBe(202);
  return ((await created.json()) as { id: string }).id;
}

/** The instructor's similarity page of an exercise of the demo course, found from the assignments list. */
export async function openSimilarityPage(instructor: Page, exercise: string): Promise<string> {
  await instructor.goto("/courses/keras/manage/assignments");
  const editHref = await instructor.locator(`tr[data-exercise-id="${exercise}"] a[href*="/manage/assignments/"]`).first().getAttribute("href");
  expect(editHref).toMatch(/\/manage\/assignments\/[0-9a-f-]{36}$/);
  await instructor.goto(editHref!);
  await instructor.getByRole("link", { name: "Similar submissions" }).click();
  await instructor.waitForURL(/\/similarity$/);
  return `${editHref!}/similarity`;
}

/** Presses "Analyse N latest submissions" and waits until the pairs are shown. */
export async function analyse(instructor: Page): Promise<void> {
  await instructor.getByRole("button", { name: /^Analyse \d+ latest submissions$/ }).click();
  await expect(instructor.getByTestId("similarity-pair").first()).toBeVisible({ timeout: 90_000 });
}
