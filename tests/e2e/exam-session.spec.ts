import { expect, test, type Browser, type Page, type Response } from "@playwright/test";
import { auditPage, pagePatterns } from "./a11y-helpers";
import { createCourse, makeInstructor, signIn } from "./support";

/**
 * Exam basics (issue 18): during timed work only the newest sign-in's session is served, and staff read
 * each student's exam log. A course of this spec's own: an admin makes it and its instructor, the
 * instructor imports a student and builds a 20-minute assessment with one code exercise; the student
 * starts it in one browser, the page reports focus lost and back, staff see both on the monitor and in
 * the log; a sign-in in a second browser ends the first one's session (the sign-in page says why) and
 * is logged; the second browser goes on with the clock still running.
 */
const suffix = Date.now().toString(36);
const slug = `exam-session-${suffix}`;
const student = { email: `exam-student-${suffix}@demo.local`, name: `Exam Student ${suffix}` };
const NOT_FOUND_TEXT = "There is nothing here, or it is not yours to see.";
const PATTERNS = pagePatterns();

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The exam page's report of `kind` to the server. */
function focusReport(page: Page, kind: "focus_lost" | "focus_back"): Promise<Response> {
  return page.waitForResponse(
    (response) => response.url().endsWith("/exam-events") && response.request().method() === "POST" && (response.request().postData() ?? "").includes(kind),
    { timeout: 30_000 },
  );
}

test("a second sign-in during timed work ends the first; focus lost and back are in the staff's log", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);

  // The course, its instructor and its student.
  const admin = await newPage(browser);
  await signIn(admin, "admin@demo.local");
  await admin.goto("/admin");
  await createCourse(admin, { slug, title: `Exam session ${suffix}`, timeZone: "UTC" });
  await expect(admin.getByRole("status")).toContainText(`/courses/${slug}`);
  const instructorEmail = `exam-instructor-${suffix}@demo.local`;
  const instructorPassword = await makeInstructor(admin, { course: slug, email: instructorEmail, name: "Exam Instructor" });
  await admin.context().close();

  const staff = await newPage(browser);
  await signIn(staff, instructorEmail, { password: instructorPassword });
  await staff.goto(`/courses/${slug}/manage/roster`);
  await staff.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${student.email},${student.name}\n`) });
  await staff.getByRole("button", { name: "Import roster" }).click();
  const studentPassword = (await staff.getByTestId("initial-passwords").getByRole("row").filter({ hasText: student.email }).locator(".secret").textContent()) ?? "";
  expect(studentPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);

  // A 20-minute assessment with one code exercise, open now.
  const title = `Exam ${suffix}`;
  await staff.goto(`/courses/${slug}/manage/assessments/new`);
  await staff.getByLabel("Title", { exact: true }).fill(title);
  await staff.getByLabel("Time limit (minutes)", { exact: true }).fill("20");
  await staff.getByRole("button", { name: "Create assessment" }).click();
  await staff.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
  const builder = new URL(staff.url()).pathname;
  const assessmentId = builder.split("/").pop()!;
  await staff.getByLabel("Search by title").fill("Adam");
  await staff.getByRole("button", { name: "Add Adam", exact: true }).click();
  await expect(staff.locator(".picker-status")).toContainText("Adam added as exercise 1 of 1.");
  // The builder links to the monitor of a timed assessment.
  await staff.reload();
  await staff.getByRole("link", { name: /^Exam monitor/ }).click();
  await staff.waitForURL(`**${builder}/exam`);
  const monitor = staff.url();
  const row = staff.locator(`tr[data-email="${student.email}"]`);
  await expect(row.locator('td[data-label="Status"]')).toHaveText("Not started");

  // The student starts in a first browser; the countdown runs on the exercise page.
  const first = await newPage(browser);
  await signIn(first, student.email, { password: studentPassword });
  await first.goto(`/courses/${slug}/assessments/${assessmentId}`);
  await first.getByRole("button", { name: "Start now" }).click();
  await expect(first.getByRole("timer").first()).toBeVisible({ timeout: 30_000 });
  await first.goto(`/courses/${slug}/exercises/adam`);
  const timer = first.getByRole("timer").first();
  await expect(timer).toHaveText(/\d+:\d\d/);
  // The clock ticking is the page's script running: the focus reporter is listening by then.
  const shown = (await timer.textContent()) ?? "";
  await expect(timer).not.toHaveText(shown, { timeout: 10_000 });

  // The browser reports focus lost, then back (what switching to another window does).
  const lost = focusReport(first, "focus_lost");
  await first.evaluate(() => window.dispatchEvent(new Event("blur")));
  expect((await lost).status()).toBe(204);
  await first.waitForTimeout(1_200);
  const back = focusReport(first, "focus_back");
  await first.evaluate(() => window.dispatchEvent(new Event("focus")));
  expect((await back).status()).toBe(204);

  // Staff see it on the monitor and in the student's log.
  await staff.goto(monitor);
  await expect(row.locator('td[data-label="Status"]')).toContainText("In progress");
  await expect(row.locator('td[data-label="Focus lost"]')).toHaveText("1");
  await expect(row.locator('td[data-label="Deadline"]')).toContainText("20 min");
  await expect(row.locator('td[data-label="Time left"]')).toHaveText(/^1\d:\d\d$/);
  await auditPage(staff, testInfo, "instructor exam monitor, a student in progress", PATTERNS);
  await row.getByRole("link", { name: student.name }).click();
  await staff.waitForURL(/\/exam\/[0-9a-f-]{36}$/);
  const logUrl = staff.url();
  const log = staff.getByTestId("exam-log");
  await expect(log.locator("li")).toHaveText([/Started the assessment/, /Left the exam/, /Came back to the exam after \d+ s/]);
  await auditPage(staff, testInfo, "instructor exam log with events", PATTERNS);

  // A second sign-in, in another browser, during the exam.
  const second = await newPage(browser);
  await signIn(second, student.email);
  // The first browser's session has ended: its next page goes to the sign-in page, which says why ...
  await first.reload();
  await first.waitForURL(/\/signin\?/);
  expect(new URL(first.url()).searchParams.get("reason")).toBe("signed-in-elsewhere");
  await expect(first.getByTestId("signin-notice")).toContainText("signed in somewhere else");
  // ... and the API refuses it.
  const refused = await first.request.post(`/api/courses/${slug}/assessments/${assessmentId}/exam-events`, {
    headers: { origin: new URL(baseURL!).origin, "content-type": "application/json" },
    data: JSON.stringify({ kind: "focus_lost" }),
  });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toContain("signed in somewhere else");

  // The second browser goes on: the clock kept running (not reset to 20:00).
  await second.goto(`/courses/${slug}/exercises/adam`);
  await expect(second.getByRole("timer").first()).toHaveText(/1\d:\d\d/);
  // A student is refused the monitor and the log.
  for (const url of [monitor, logUrl]) {
    await second.goto(url);
    await expect(second.getByText(NOT_FOUND_TEXT)).toBeVisible();
  }

  // The log has the second sign-in; the monitor counts it.
  await staff.goto(logUrl);
  await expect(log.locator('li[data-kind="second_sign_in"]')).toHaveText(/Signed in again somewhere else; the earlier session was signed out/);
  await staff.goto(monitor);
  await expect(row.locator('td[data-label="Status"]')).toContainText("signed in again 1×");
  await expect(row.locator('td[data-label="Focus lost"]')).toHaveText("1");
});
