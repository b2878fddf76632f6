import { expect, test } from "@playwright/test";
import { createCourse, makeInstructor, saveScreenshot, signIn, signOut } from "./support";

/**
 * Each role sees its own summary on the home and course pages (issue 12, item 20), and signing out
 * keeps the user on the origin they are on (item 18).
 */

const KERAS = "Neural Networks with Keras";

test("a student sees their own progress and what is due, with no instructor links", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local");
  const card = page.getByTestId("course-card").filter({ hasText: KERAS });
  await expect(card).toHaveAttribute("data-view", "student");
  await expect(card.getByTestId("progress")).toContainText(/\d+ solved · \d+ attempted · \d+ not started/);
  await expect(card.getByRole("link", { name: "Manage course" })).toHaveCount(0);
  await expect(page.getByTestId("site-summary")).toHaveCount(0);
  await saveScreenshot(page, testInfo, "student home");

  await page.goto("/courses/keras");
  await expect(page.getByText("You are a student in this course.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Best score" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Manage course" })).toHaveCount(0);
});

test("an instructor sees the class, links to manage it, its deadlines and grading queue, not a student's progress", async ({ page }, testInfo) => {
  await signIn(page, "instructor@demo.local");
  const card = page.getByTestId("course-card").filter({ hasText: KERAS });
  await expect(card).toHaveAttribute("data-view", "staff");
  await expect(card.getByTestId("progress")).toHaveCount(0);
  await expect(card).not.toContainText("not started");
  await expect(card.getByTestId("class-summary")).toContainText(/^\d+ students? · \d+ assessments?$/);
  await expect(card.getByTestId("grading-queue")).toHaveText(/^Grading: \d+ waiting, \d+ running$/);
  for (const [name, href] of [
    ["Manage course", "/courses/keras/manage"],
    ["Assessments", "/courses/keras/manage/assessments"],
    ["Roster", "/courses/keras/manage/roster"],
    ["Class dashboard", "/courses/keras/manage/dashboard"],
  ] as const) {
    await expect(card.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }
  // The class count on the card is the roster's.
  const students = Number((await card.getByTestId("class-summary").textContent())!.match(/^(\d+)/)![1]);
  await saveScreenshot(page, testInfo, "instructor home");
  await card.getByRole("link", { name: "Roster", exact: true }).click();
  await expect(page.locator("tr[data-email]").filter({ has: page.getByRole("cell", { name: "student", exact: true }) })).toHaveCount(students);

  await page.goto("/courses/keras");
  await expect(page.getByText("You are an instructor in this course.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Manage course" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Best score" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Points" }).first()).toBeVisible();
  await expect(page.getByTestId("due").first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Not started");
  await saveScreenshot(page, testInfo, "instructor course page");

  // On a phone the staff table keeps its column names too.
  await page.setViewportSize({ width: 390, height: 844 });
  const labels = await page.locator("table.assignments").first().evaluate((table) => ({
    headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim()),
    cells: [...table.querySelectorAll("tbody tr:first-child td")].map((td) => getComputedStyle(td, "::before").content.replace(/^"|"$/g, "")),
  }));
  expect(labels.headers).toEqual(["Exercise", "Kind", "Points"]);
  expect(labels.cells).toEqual(labels.headers);
  await saveScreenshot(page, testInfo, "instructor course page 390");
  await page.goto("/");
  await saveScreenshot(page, testInfo, "instructor home 390");
});

test("a TA gets the staff summary of their course", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const slug = `roles-${suffix}`;
  await signIn(page, "admin@demo.local");
  await page.goto("/admin");
  await createCourse(page, { slug, title: `Roles ${suffix}` });
  await expect(page.getByRole("status")).toContainText(`/courses/${slug}`);
  const profPassword = await makeInstructor(page, { course: slug, email: `roles-prof-${suffix}@demo.local`, name: "Prof Roles" });
  await signOut(page);

  await signIn(page, `roles-prof-${suffix}@demo.local`, { password: profPassword });
  await page.goto(`/courses/${slug}/manage/roster`);
  const taEmail = `roles-ta-${suffix}@demo.local`;
  await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\r\n${taEmail},Tess Assistant`) });
  await page.getByRole("button", { name: "Import roster" }).click();
  const taPassword = (await page.getByTestId("initial-passwords").getByRole("row").filter({ hasText: taEmail }).locator(".secret").textContent()) ?? "";
  await page.reload();
  await page.getByLabel("Role of Tess Assistant", { exact: true }).selectOption("ta");
  await page.getByRole("button", { name: "Change role of Tess Assistant" }).click();
  await expect(page.locator(`tr[data-email="${taEmail}"] td[data-label="Role"]`)).toHaveText("TA");
  await signOut(page);

  await signIn(page, taEmail, { password: taPassword });
  const card = page.getByTestId("course-card").filter({ hasText: `Roles ${suffix}` });
  await expect(card).toHaveAttribute("data-view", "staff");
  await expect(card.getByTestId("class-summary")).toHaveText("0 students · 0 assessments");
  await expect(card.getByTestId("grading-queue")).toHaveText("Grading: 0 waiting, 0 running");
  await expect(card.getByRole("link", { name: "Manage course" })).toHaveAttribute("href", `/courses/${slug}/manage`);
  await expect(card.getByTestId("progress")).toHaveCount(0);
  await saveScreenshot(page, testInfo, "TA home");
  await page.goto(`/courses/${slug}`);
  await expect(page.getByText("You are a TA in this course.")).toBeVisible();
});

test("an admin sees the site's counts and the admin links, not an invitation hint", async ({ page }, testInfo) => {
  await signIn(page, "admin@demo.local");
  const site = page.getByTestId("site-summary");
  await expect(site).toBeVisible();
  await expect(page.getByText("Ask your instructor")).toHaveCount(0);
  await expect(site.getByRole("link", { name: "Create courses and instructors" })).toHaveAttribute("href", "/admin");
  const summary = (await site.locator("p").first().textContent()) ?? "";
  const [, courses] = summary.match(/^(\d+) courses? · \d+ accounts? · grading queue: \d+ waiting, \d+ running$/) ?? [];
  expect(courses, summary).toBeDefined();
  await saveScreenshot(page, testInfo, "admin home");
  // The course count is the admin page's.
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: `Courses (${courses})` })).toBeVisible();
});

test("signing out on 127.0.0.1 lands on 127.0.0.1's sign-in page, not localhost's", async ({ browser }, testInfo) => {
  const port = new URL(testInfo.project.use.baseURL!).port;
  const origin = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await signIn(page, "student2@demo.local");
  expect(new URL(page.url()).origin).toBe(origin);
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${origin}/signin`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // Signed out for real: the home page sends the visitor back to sign in, still on 127.0.0.1.
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`^${origin.replaceAll(".", "\\.")}/signin`));
  await context.close();
});
