import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { auditPage, pagePatterns } from "./a11y-helpers";
import { createCourse, makeInstructor, saveScreenshot, sidewaysScroll, signedInPage, signIn, signOut, replaceCode } from "./support";

/**
 * Issue 18's release policy: an instructor sets an assessment's scores to wait for their release (with
 * hidden tests by name only, Run off and an access code, saved and shown again after a reload); a student's
 * Submit then reads "Submitted" everywhere they look (result, attempt history, course page, grades page, the
 * JSON API) until the instructor presses "Release scores and feedback"; "Hold back again" hides them again.
 */

const PATTERNS = pagePatterns();
const PHONE = { width: 390, height: 844 };
const suffix = Date.now().toString(36);
const slug = `rel-${suffix}`;
const instructor = { email: `rel-prof-${suffix}@demo.local`, name: `Prof Release ${suffix}` };
const cleo = { email: `rel-cleo-${suffix}@demo.local`, name: `Cleo Student ${suffix}`, password: "" };
const EXAM = "Exam 1: optimizers";
const HELD_TEXT = "Your score and feedback will be released by your instructor.";
const adamSolution = readFileSync(path.resolve(import.meta.dirname, "../../exercises/adam/solution.ts"), "utf8");

interface ApiView {
  status: string;
  score: number | null;
  held?: string;
  tests: Array<{ name: string; passed: boolean; hidden: boolean; message: string }>;
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await sidewaysScroll(page);
  expect(overflow.scrollWidth, overflow.culprits.join(", ")).toBeLessThanOrEqual(overflow.clientWidth);
}

async function apiView(page: Page, id: string): Promise<ApiView> {
  const response = await page.request.get(`/api/submissions/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiView;
}

test("scores held back until the instructor releases them: every student view says Submitted, then shows the score; hold back again hides it", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  let examId = "";
  let submissionId = "";

  await test.step("the admin makes a course and its instructor; the instructor imports a student", async () => {
    await signIn(page, "admin@demo.local");
    await page.goto("/admin");
    await createCourse(page, { slug, title: `Release ${suffix}`, timeZone: "UTC" });
    await expect(page.getByRole("status")).toContainText(`/courses/${slug}`);
    const password = await makeInstructor(page, { course: slug, ...instructor });
    await signOut(page);
    await signIn(page, instructor.email, { password });
    await page.goto(`/courses/${slug}/manage/roster`);
    await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\r\n${cleo.email},${cleo.name}`) });
    await page.getByRole("button", { name: "Import roster" }).click();
    cleo.password = (await page.getByTestId("import-report").getByTestId("initial-passwords").getByRole("row").filter({ hasText: cleo.email }).locator(".secret").textContent()) ?? "";
    expect(cleo.password).not.toBe("");
  });

  await test.step("the instructor makes an exam whose scores wait for release; a reload shows the four settings as saved", async () => {
    await page.goto(`/courses/${slug}/manage/assessments/new`);
    await page.getByLabel("Title", { exact: true }).fill(EXAM);
    await page.getByLabel("Scores and feedback", { exact: true }).selectOption({ label: "When I release them" });
    await page.getByLabel("Hidden tests shown to students", { exact: true }).selectOption({ label: "Names only" });
    await page.getByLabel("Students may Run during the assessment", { exact: true }).uncheck();
    await page.getByLabel("Access code", { exact: true }).fill("  owl-42  ");
    await page.getByRole("button", { name: "Create assessment" }).click();
    await page.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
    examId = page.url().split("/").pop()!;
    await page.getByLabel("Search by title").fill("Adam");
    await page.getByRole("button", { name: "Add Adam", exact: true }).click();
    await expect(page.locator(".picker-status")).toContainText("Adam added as exercise 1 of 1.");

    await page.reload();
    await expect(page.getByLabel("Scores and feedback", { exact: true }).locator("option:checked")).toHaveText("When I release them");
    await expect(page.getByLabel("Hidden tests shown to students", { exact: true }).locator("option:checked")).toHaveText("Names only");
    await expect(page.getByLabel("Students may Run during the assessment", { exact: true })).not.toBeChecked();
    await expect(page.getByLabel("Access code", { exact: true })).toHaveValue("owl-42");
    await expect(page.getByTestId("release-state")).toContainText("Held back");
    await expect(page.getByRole("button", { name: "Release scores and feedback" })).toBeVisible();

    // An access code over 64 characters is refused by name, and what was typed stays in the field.
    const tooLong = "x".repeat(65);
    await page.getByLabel("Access code", { exact: true }).evaluate((input, value) => ((input as HTMLInputElement).value = value), tooLong);
    await page.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Access code" })).toBeVisible();
    await expect(page.locator("#error-accessCode")).toHaveText("must be at most 64 characters");

    // The code cleared (none): this exam is not timed, the student needs none to submit.
    await page.getByLabel("Access code", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByTestId("assessment-saved")).toHaveText("Saved Access code.");
    await page.reload();
    await expect(page.getByLabel("Access code", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Students may Run during the assessment", { exact: true })).not.toBeChecked();

    await auditPage(page, testInfo, "instructor assessment builder, scores held back", PATTERNS);
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await saveScreenshot(page, testInfo, "builder release settings 390");
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  const student = await signedInPage(browser, cleo.email, { password: cleo.password });

  await test.step("the student reads the rules, submits, and sees Submitted with when results come: no score anywhere", async () => {
    await student.goto(`/courses/${slug}/assessments/${examId}`);
    await expect(student.getByTestId("rules")).toContainText("Scores and feedback are shown when your instructor releases them.");
    await expect(student.getByTestId("rules")).toContainText("Run is turned off");
    await expect(student.getByTestId("rules")).not.toContainText("access code");

    await student.goto(`/courses/${slug}/exercises/adam`);
    await replaceCode(student, adamSolution);
    const submitted = student.waitForResponse((response) => /\/exercises\/adam\/submissions/.test(response.url()) && response.request().method() === "POST");
    await student.getByRole("button", { name: "Submit", exact: true }).click();
    submissionId = ((await (await submitted).json()) as { id: string }).id;
    const result = student.getByTestId("submission-result");
    await expect(result).toHaveAttribute("data-status", "submitted", { timeout: 90_000 });
    await expect(result.getByTestId("release-note")).toHaveText(HELD_TEXT);
    await expect(result.getByTestId("score")).toHaveCount(0);
    await expect(result.locator(".tests")).toHaveCount(0);

    await student.reload();
    await expect(student.getByTestId("counting-score")).toHaveText(HELD_TEXT);
    const history = student.locator("section.history tbody tr");
    await expect(history).toHaveCount(1);
    await expect(history.locator('td[data-label="Status"]')).toHaveText("submitted");
    await expect(history.locator('td[data-label="Score"]')).toHaveText("–");
    await auditPage(student, testInfo, "student exercise page, scores held back", PATTERNS);

    const api = await apiView(student, submissionId);
    expect(api).toMatchObject({ status: "graded", score: null, tests: [], held: HELD_TEXT });

    await student.goto(`/courses/${slug}`);
    const row = student.locator('tr[data-exercise-id="adam"]');
    await expect(row.locator('td[data-label="Status"]')).toHaveText("Submitted");
    await expect(row.locator('td[data-label="Best score"]')).toHaveText("–");
    await expect(student.getByTestId("assessment-progress").first()).toHaveText("Scores not released yet · 1 of 1 exercise submitted");

    await student.goto(`/courses/${slug}/grades`);
    await expect(student.getByTestId("course-grade")).toHaveText("No course grade yet");
    await expect(student.locator(`tr[data-assessment-id="${examId}"]`)).toContainText("Scores not released yet");
    await auditPage(student, testInfo, "student grades page, scores held back", PATTERNS);
    await student.setViewportSize(PHONE);
    await expectNoSidewaysScroll(student);
    await student.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step("the instructor releases: the builder says when", async () => {
    await page.goto(`/courses/${slug}/manage/assessments/${examId}`);
    await page.getByRole("button", { name: "Release scores and feedback" }).click();
    await expect(page.getByTestId("release-control").getByRole("status")).toContainText(`Scores and feedback of ${EXAM} released on`);
    await page.reload();
    await expect(page.getByTestId("release-state")).toContainText("Released on");
    await expect(page.getByRole("button", { name: "Hold back again" })).toBeVisible();
  });

  await test.step("the student now sees the score, with hidden tests by name only", async () => {
    const api = await apiView(student, submissionId);
    expect(api.score).toBe(1);
    expect(api.held).toBeUndefined();
    const hidden = api.tests.filter((test) => test.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of hidden) expect(test).toMatchObject({ passed: true, message: "" });

    await student.goto(`/courses/${slug}/exercises/adam`);
    await expect(student.getByTestId("counting-score")).toHaveText("Your score that counts: 100 % (your best attempt).");
    await expect(student.locator('section.history td[data-label="Score"]')).toHaveText("100 %");
    await student.goto(`/courses/${slug}`);
    await expect(student.locator('tr[data-exercise-id="adam"] td[data-label="Status"]')).toHaveText("Solved");
    await student.goto(`/courses/${slug}/grades`);
    await expect(student.getByTestId("course-grade")).toHaveText("100.00 %");
  });

  await test.step("hold back again: hidden from the student once more", async () => {
    await page.getByRole("button", { name: "Hold back again" }).click();
    await expect(page.getByTestId("release-control").getByRole("status")).toContainText("held back");
    expect(await apiView(student, submissionId)).toMatchObject({ score: null, held: HELD_TEXT });
    await student.goto(`/courses/${slug}/exercises/adam`);
    await expect(student.getByTestId("counting-score")).toHaveText(HELD_TEXT);
  });
});
