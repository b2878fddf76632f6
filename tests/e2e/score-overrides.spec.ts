import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { auditPage, pagePatterns } from "./a11y-helpers";
import { createCourse, makeInstructor, saveScreenshot, signedInPage, signIn, signOut, submitThroughApi } from "./support";

/**
 * Issue 18's manual overrides: an instructor adjusts a Submit's score and sets a whole assessment's score
 * on the student's page, with comments; the audit trail says who, old → new; the gradebook marks both and
 * its CSV lists them in `overrides`; the student reads "Score adjusted by staff" with the comment on the
 * exercise page and the grades page, and is refused the staff page. Its own course, so that no other
 * spec's figures move.
 */

const PATTERNS = pagePatterns();
const PHONE = { width: 390, height: 844 };
const suffix = Date.now().toString(36);
const slug = `ov-${suffix}`;
const instructor = { email: `ov-prof-${suffix}@demo.local`, name: `Prof Override ${suffix}` };
const olga = { email: `ov-olga-${suffix}@demo.local`, name: `Olga Student ${suffix}`, password: "" };
const MIDTERM = "Midterm";
const wrongAdam = readFileSync(path.resolve(import.meta.dirname, "../fixtures/students/adam/wrong-no-bias-correction.ts"), "utf8");

/** RFC 4180 rows (the export quotes only where needed), without the byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      rows.push([...row, field.replace(/\r$/, "")]);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function gradebookRow(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.get(`/api/courses/${slug}/export/gradebook`);
  expect(response.status()).toBe(200);
  const [header, ...rows] = parseCsv(await response.text());
  const row = rows.find((cells) => cells[0] === email.toLowerCase());
  expect(row, `a row for ${email}`).toBeDefined();
  return Object.fromEntries(header!.map((name, index) => [name, row![index]!]));
}

/** 0.333… → "33.33 %", as the app words a share staff read. */
const share = (score: number) => `${Math.round(score * 100 * 100) / 100} %`;

async function openPanel(page: Page, summary: string) {
  const panel = page.locator("details.override-panel").filter({ has: page.locator("summary", { hasText: summary }) });
  await panel.locator("summary").click();
  return panel;
}

test("staff adjust a Submit's score and set an assessment score; the audit trail, the gradebook, its CSV and the student's pages show them", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  let midtermId = "";
  let points = 0;
  let graderScore = 0;
  let studentId = "";

  await test.step("the admin makes a course and its instructor; the instructor imports a student and builds a one-exercise Midterm", async () => {
    await signIn(page, "admin@demo.local");
    await page.goto("/admin");
    await createCourse(page, { slug, title: `Overrides ${suffix}` });
    await expect(page.getByRole("status")).toContainText(`/courses/${slug}`);
    const password = await makeInstructor(page, { course: slug, ...instructor });
    await signOut(page);
    await signIn(page, instructor.email, { password });

    await page.goto(`/courses/${slug}/manage/roster`);
    await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\r\n${olga.email},${olga.name}`) });
    await page.getByRole("button", { name: "Import roster" }).click();
    const passwords = page.getByTestId("import-report").getByTestId("initial-passwords");
    olga.password = (await passwords.getByRole("row").filter({ hasText: olga.email }).locator(".secret").textContent()) ?? "";
    expect(olga.password).not.toBe("");
    studentId = (await page.locator(`tr[data-email="${olga.email}"]`).getAttribute("data-user-id")) ?? "";
    expect(studentId).toMatch(/^[0-9a-f-]{36}$/);

    await page.goto(`/courses/${slug}/manage/assessments/new`);
    await page.getByLabel("Title", { exact: true }).fill(MIDTERM);
    await page.getByRole("button", { name: "Create assessment" }).click();
    await page.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
    midtermId = page.url().split("/").pop()!;
    await page.getByLabel("Search by title").fill("Adam");
    await page.getByRole("button", { name: "Add Adam", exact: true }).click();
    await expect(page.locator(".picker-status")).toContainText("Adam added as exercise 1 of 1.");
    await page.reload();
    points = Number(await page.getByLabel("Points for Adam", { exact: true }).inputValue());
    expect(points).toBeGreaterThan(0);
  });

  const olgaPage = await signedInPage(browser, olga.email, { password: olga.password });

  await test.step("the student submits a wrong Adam: graded below full marks", async () => {
    const graded = await submitThroughApi(olgaPage.request, origin, { exercise: "adam", code: wrongAdam, course: slug });
    expect(graded.status).toBe("graded");
    graderScore = graded.score!;
    expect(graderScore).toBeLessThan(0.9);
  });

  const studentUrl = `/courses/${slug}/manage/students/${studentId}`;

  await test.step("the instructor sets the Submit's score to 90 % with a comment: saved, and after a reload the attempt and its audit trail say so", async () => {
    await page.goto(studentUrl);
    const panel = await openPanel(page, "Adjust score");
    await panel.getByLabel("Set the score").check();
    await panel.getByLabel("New score").fill("90");
    await panel.getByLabel("Unit").selectOption("percent");
    await panel.getByLabel("Comment", { exact: true }).fill("Test 2 expected the wrong bias correction.");
    await panel.getByRole("button", { name: "Save score" }).click();
    await expect(panel.getByRole("status")).toHaveText(`Score set: ${share(graderScore)} → 90 % (${Math.round(points * 0.9 * 100) / 100} of ${points} points).`);

    await page.reload();
    await expect(page.getByRole("heading", { level: 3, name: /^Attempt 1:/ })).toContainText("→ set by staff to 90 %");
    const trail = page.getByRole("list", { name: "Score changes of attempt 1" });
    await expect(trail.getByRole("listitem")).toHaveCount(1);
    await expect(trail).toContainText(`${instructor.name}: ${share(graderScore)} → 90 %: Test 2 expected the wrong bias correction.`);
    await expect(page.getByTestId(`assessment-score-${midtermId}`)).toContainText(`${Math.round(points * 0.9 * 100) / 100} of ${points} points (90.00 %)`);
  });

  const setPoints = Math.floor(points * 0.8);
  const setPercent = ((100 * setPoints) / points).toFixed(2);

  await test.step("a refused entry keeps what was typed; then the Midterm's score is set in points, with a comment", async () => {
    await page.goto(studentUrl);
    let panel = await openPanel(page, `Set assessment score: ${MIDTERM}`);
    await panel.getByLabel("New score").fill(String(points + 1));
    await panel.getByLabel("Unit").selectOption("points");
    await panel.getByLabel("Comment", { exact: true }).fill("Oral exam instead.");
    await panel.getByRole("button", { name: "Save assessment score" }).click();
    await expect(panel.getByRole("alert")).toContainText(`The score must be from 0 to ${points} points.`);
    await expect(panel.getByLabel("New score")).toHaveValue(String(points + 1));
    await expect(panel.getByLabel("Comment", { exact: true })).toHaveValue("Oral exam instead.");

    await panel.getByLabel("New score").fill(String(setPoints));
    await panel.getByRole("button", { name: "Save assessment score" }).click();
    await expect(panel.getByRole("status")).toHaveText(`Score set: 90 % → ${share(setPoints / points)} (${setPoints} of ${points} points).`);

    await page.reload();
    await expect(page.getByTestId(`assessment-score-${midtermId}`)).toContainText(`${setPoints} of ${points} points (${setPercent} %)`);
    await expect(page.getByTestId(`assessment-score-${midtermId}`)).toContainText(`Set by staff (${instructor.name})`);
    await expect(page.getByRole("list", { name: `Score changes of ${MIDTERM}` })).toContainText(`${instructor.name}: 90 % → ${share(setPoints / points)}: Oral exam instead.`);
    await expect(page.getByTestId("student-course-grade")).toContainText(`${setPercent} %`);
    panel = await openPanel(page, `Set assessment score: ${MIDTERM}`);
    await auditPage(page, testInfo, "instructor student page with overrides, form opened", PATTERNS);
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, testInfo, "student page overrides 390");
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step("the gradebook marks both set values, and its CSV counts them and lists them in `overrides`", async () => {
    await page.goto(`/courses/${slug}/manage/gradebook`);
    const row = page.locator(`tr[data-user-id="${studentId}"]`);
    const cell = row.locator('td[data-overridden="true"]');
    await expect(cell).toHaveCount(1);
    await expect(cell).toContainText(`${setPercent} %`);
    await expect(cell.locator(".visually-hidden")).toContainText(`${MIDTERM}: ${setPoints}/${points} by ${instructor.name} — Oral exam instead.`);
    await expect(cell.locator(".visually-hidden")).toContainText(`${MIDTERM} › Adam: ${Math.round(points * 0.9 * 100) / 100}/${points} by ${instructor.name}`);
    await expect(row.getByTestId("course-grade")).toHaveText(`${setPercent} %`);
    await auditPage(page, testInfo, "instructor gradebook with overrides", PATTERNS);
    await page.goto(`/courses/${slug}/manage/gradebook?view=exercises`);
    const exerciseCell = page.locator(`tr[data-user-id="${studentId}"] td[data-overridden="true"]`);
    await expect(exerciseCell).toContainText(String(Math.round(points * 0.9 * 100) / 100));

    const csv = await gradebookRow(page.request, olga.email);
    expect(csv[`${MIDTERM} (points of ${points})`]).toBe(String(setPoints));
    expect(Number(csv["course grade (%)"])).toBe(Number(setPercent));
    expect(csv[`adam (${points})`]).toBe(String(Math.round(points * 0.9 * 100) / 100));
    expect(csv.overrides).toBe(
      `${MIDTERM}: ${setPoints}/${points} by ${instructor.name} — Oral exam instead.; ${MIDTERM} › Adam: ${Math.round(points * 0.9 * 100) / 100}/${points} by ${instructor.name} — Test 2 expected the wrong bias correction.`,
    );
  });

  await test.step("the student reads staff's adjustments with their comments, and is refused the staff page", async () => {
    await olgaPage.goto(`/courses/${slug}/exercises/adam`);
    await expect(olgaPage.getByTestId("staff-adjustment")).toHaveText("Score adjusted by staff: 90 %. Test 2 expected the wrong bias correction.");
    await expect(olgaPage.locator(".history tbody tr").first().locator('td[data-label="Counts as"]')).toHaveText("90 %");
    await auditPage(olgaPage, testInfo, "student exercise page with a staff adjustment", PATTERNS);
    await olgaPage.goto(`/courses/${slug}/grades`);
    await expect(olgaPage.getByTestId("course-grade")).toHaveText(`${setPercent} %`);
    await expect(olgaPage.getByTestId("staff-adjustment")).toHaveText(`Score adjusted by staff: ${setPoints} of ${points} points. Oral exam instead.`);
    await expect(olgaPage.getByTestId("grade-explanation")).toContainText(`Set by staff, in place of the sum of their exercises: ${MIDTERM} (${setPoints} of ${points}).`);
    await auditPage(olgaPage, testInfo, "student grades page with a staff adjustment", PATTERNS);
    const refused = await olgaPage.goto(studentUrl);
    expect(refused?.status()).toBe(404);
  });

  await test.step("removing the assessment score brings back the sum of the exercises", async () => {
    await page.goto(studentUrl);
    const panel = await openPanel(page, `Set assessment score: ${MIDTERM}`);
    await panel.getByLabel("Remove the override").check();
    await panel.getByLabel("Comment", { exact: true }).fill("Back to the exercises.");
    await panel.getByRole("button", { name: "Save assessment score" }).click();
    await expect(panel.getByRole("status")).toHaveText(`Override removed: ${share(setPoints / points)} → 90 %.`);
    await page.reload();
    await expect(page.getByTestId(`assessment-score-${midtermId}`)).not.toContainText("Set by staff");
    await expect(page.getByRole("list", { name: `Score changes of ${MIDTERM}` }).getByRole("listitem")).toHaveCount(2);
    expect(Number((await gradebookRow(page.request, olga.email))["course grade (%)"])).toBe(90);
  });

  await olgaPage.context().close();
});
