import { expect, test } from "@playwright/test";
import { createCourse, makeInstructor, saveScreenshot, signIn, signOut } from "./support";

test("an admin creates a course and its instructor, who imports a roster, assigns Adam with a deadline and lets students in", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const slug = `spring-${suffix}`;
  const instructorEmail = `prof-${suffix}@demo.local`;

  // The admin creates the course (deadlines in Berlin time) and a new instructor account.
  await signIn(page, "admin@demo.local");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
  await createCourse(page, { slug, title: `Spring term ${suffix}`, timeZone: "Europe/Berlin" });
  await expect(page.getByRole("status")).toHaveText(`Course "Spring term ${suffix}" created at /courses/${slug}.`);
  await expect(page.getByRole("row").filter({ hasText: `/courses/${slug}` })).toContainText("Europe/Berlin");
  const instructorPassword = await makeInstructor(page, { course: slug, email: instructorEmail, name: "Prof Spring" });
  expect(instructorPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
  await saveScreenshot(page, testInfo, "admin created course and instructor");
  await page.reload();
  await expect(page.getByText(instructorPassword)).toHaveCount(0);
  await signOut(page);

  // The new instructor signs in with the one-time password and opens the instructor area.
  await signIn(page, instructorEmail, { password: instructorPassword });
  await page.getByRole("link", { name: `Spring term ${suffix}` }).click();
  await page.getByRole("link", { name: "Manage course" }).click();
  await expect(page.getByRole("navigation", { name: "Instructor area" })).toBeVisible();

  // Roster import: one bad row is reported by line, the good rows are imported with passwords shown once.
  await page.getByRole("link", { name: "Roster" }).click();
  const csv = [
    "email,name",
    `ana-${suffix}@demo.local,Ana Student`,
    "not-an-email,Broken Row",
    `ben-${suffix}@demo.local,"Ben, Student"`,
    "student3@demo.local,Student Three",
  ].join("\r\n");
  await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import roster" }).click();
  const report = page.getByTestId("import-report");
  await expect(report.getByTestId("row-errors")).toHaveText("Line 3: email: must be an email address");
  await expect(report.getByTestId("enrolled").locator("li")).toHaveText([
    `Line 2: Ana Student <ana-${suffix}@demo.local>`,
    `Line 4: Ben, Student <ben-${suffix}@demo.local>`,
    "Line 5: Student Three <student3@demo.local>",
  ]);
  const passwords = report.getByTestId("initial-passwords");
  await expect(passwords.locator("tbody tr")).toHaveCount(2);
  const anaPassword = (await passwords.getByRole("row").filter({ hasText: `ana-${suffix}@demo.local` }).locator(".secret").textContent()) ?? "";
  expect(anaPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
  await expect(page.locator(`tr[data-email="ana-${suffix}@demo.local"]`)).toContainText("student");
  await expect(page.locator('tr[data-email="student3@demo.local"]')).toBeVisible();
  await saveScreenshot(page, testInfo, "roster imported with one bad row");
  await page.reload();
  await expect(page.getByText(anaPassword)).toHaveCount(0);

  // A join code for the rest of the class.
  await page.getByRole("button", { name: "Turn on joining by code" }).click();
  const joinCode = page.getByTestId("join-code");
  await expect(joinCode).toHaveText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  const code = (await joinCode.textContent()) ?? "";

  // Assign Adam from the catalogue and give it a deadline in the course's time zone.
  // The one-exercise way (the nav's Assessments builds problem sets: tests/e2e/assessment-builder.spec.ts).
  await page.goto(`/courses/${slug}/manage/assignments`);
  await page.getByRole("link", { name: "Add assignment" }).click();
  await expect(page.getByRole("heading", { name: "Optimizers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Preview Adam", exact: true })).toHaveAttribute("href", `/courses/${slug}/manage/exercises/adam`);
  await saveScreenshot(page, testInfo, "catalogue by topic");
  await page.getByRole("button", { name: "Assign Adam", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Adam", level: 1 })).toBeVisible();
  await expect(page.locator("#zone-hint")).toContainText("Europe/Berlin");

  await page.getByLabel("Opens", { exact: true }).fill("2026-03-01T09:00");
  await page.getByLabel("Due", { exact: true }).fill("2026-03-29T02:30");
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.locator("#error-dueAt")).toHaveText(
    "2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts",
  );
  await expect(page.getByLabel("Due", { exact: true })).toHaveValue("2026-03-29T02:30");

  await page.getByLabel("Due", { exact: true }).fill("2030-12-01T13:00");
  await page.getByLabel("Attempt limit").fill("5");
  await page.getByLabel("Points").fill("20");
  await page.getByLabel("Late policy").selectOption("penalty");
  await page.getByLabel("Penalty per day (%)").fill("10");
  await page.getByLabel("Late cut-off").fill("2030-12-04T13:00");
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await saveScreenshot(page, testInfo, "adam deadline saved");
  await page.reload();
  await expect(page.getByLabel("Due", { exact: true })).toHaveValue("2030-12-01T13:00");
  await expect(page.getByLabel("Attempt limit")).toHaveValue("5");

  await page.goto(`/courses/${slug}/manage/assignments`);
  const adamRow = page.locator('tr[data-exercise-id="adam"]');
  await expect(adamRow).toContainText("Sun, 1 Dec 2030, 13:00 CET");
  await expect(adamRow).toContainText("5");
  await signOut(page);

  // A student from the roster signs in with the password shown once and sees the deadline at once.
  await signIn(page, `ana-${suffix}@demo.local`, { password: anaPassword });
  await page.goto(`/courses/${slug}`);
  // Adam's assessment (of one exercise) shows its due date above its exercise.
  const adam = page.locator("section[data-assessment-id]").filter({ has: page.locator('tr[data-exercise-id="adam"]') });
  await expect(adam.getByTestId("due")).toContainText("Due Sun, 1 Dec 2030, 13:00 CET");
  expect((await page.goto(`/courses/${slug}/manage`))?.status()).toBe(404);
  await signOut(page);

  // Another student joins with the code.
  await signIn(page, "student2@demo.local");
  await page.getByRole("link", { name: "Join a course" }).click();
  await page.getByLabel("Join code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${slug}$`));
  await expect(page.getByText("You are a student in this course.")).toBeVisible();
});
