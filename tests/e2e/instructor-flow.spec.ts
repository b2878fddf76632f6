import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { saveScreenshot, signedInPage, signIn, submitThroughApi } from "./support";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const RIGHT_ADAM = readFileSync(path.join(FIXTURES, "students/adam/right-loops.ts"), "utf8");
const NO_BIAS_CORRECTION = readFileSync(path.join(FIXTURES, "grading/adam/student-no-bias-correction.ts"), "utf8");

async function studentSession(browser: Browser, email: string, password: string) {
  const page = await signedInPage(browser, email, { password });
  // page.request is its context's request: the student's session.
  return { context: page.context(), page, request: page.request };
}

/** RFC 4180 rows (the export quotes only where needed). */
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
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

test("an instructor imports a roster, sets adam's deadline, and reads the class's results on the dashboard and in the CSV", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const origin = new URL(testInfo.project.use.baseURL!).origin;

  // Fresh students of this run, so that other specs' submissions in the demo course cannot change what is checked.
  const suffix = Date.now().toString(36);
  const student = (n: string) => ({ email: `flow-${n}-${suffix}@demo.local`, name: `Flow ${n} ${suffix}` });
  const [right, wrong, idle] = [student("right"), student("wrong"), student("idle")];

  await signIn(page, "instructor@demo.local");

  // Roster: three good rows and one bad one; the good rows are imported, the bad one reported by line.
  await page.goto("/courses/keras/manage/roster");
  await page.getByLabel("Roster CSV").setInputFiles({
    name: "roster.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,name\n${right.email},${right.name}\nnot-an-email,Broken Row\n${wrong.email},${wrong.name}\n${idle.email},${idle.name}\n`),
  });
  await page.getByRole("button", { name: "Import roster" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId("row-errors").locator("li")).toHaveCount(1);
  await expect(report.getByTestId("row-errors")).toContainText("Line 3");
  for (const { email } of [right, wrong, idle]) await expect(report.getByTestId("enrolled")).toContainText(email);
  const passwordOf = async (email: string) => (await report.getByTestId("initial-passwords").locator("tr").filter({ hasText: email }).locator(".secret").innerText()).trim();
  const rightPassword = await passwordOf(right.email);
  const wrongPassword = await passwordOf(wrong.email);

  // Deadline: a week from now, in the course's zone (UTC for the demo course).
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: "Adam", exact: true }).click();
  const due = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  due.setUTCSeconds(0, 0);
  await page.getByLabel("Due").fill(due.toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved|updated/i })).toBeVisible();

  // Two students submit through the app: one right, one without Adam's bias correction.
  const one = await studentSession(browser, right.email, rightPassword);
  const two = await studentSession(browser, wrong.email, wrongPassword);
  const graded = await submitThroughApi(one.request, origin, { exercise: "adam", code: RIGHT_ADAM });
  const failed = await submitThroughApi(two.request, origin, { exercise: "adam", code: NO_BIAS_CORRECTION });
  expect(graded).toMatchObject({ status: "graded", score: 1 });
  expect(failed.status).toBe("graded");
  expect(failed.score).toBeLessThan(1);
  const failedHidden = failed.tests.filter((t) => t.hidden && !t.passed).map((t) => t.name);
  expect(failedHidden.length).toBeGreaterThan(0);

  // The dashboard: scores in the heatmap, the most-failed hidden test with its misconception.
  await page.goto("/courses/keras/manage/dashboard?assignment=adam");
  await expect(page.getByRole("heading", { name: "Class dashboard" })).toBeVisible();
  await expect(page.getByTestId("queue-depth")).toContainText(/Grading queue: \d+ waiting, \d+ running/);
  const heatmap = page.getByTestId("heatmap");
  const rowOf = (name: string) => heatmap.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(rowOf(right.name).locator('td[data-exercise="adam"] .heat-score')).toHaveText("100%");
  const wrongPercent = `${Math.round(failed.score! * 100)}%`;
  await expect(rowOf(wrong.name).locator('td[data-exercise="adam"] .heat-score')).toHaveText(wrongPercent);
  await expect(rowOf(idle.name).locator('td[data-exercise="adam"] .heat-score')).toHaveText("–");
  // The misconception the wrong attempt exhibits is named, with the share of students whose latest attempt shows it.
  const noBias = page.getByTestId("misconceptions").locator("li").filter({ hasText: "no bias correction" });
  await expect(noBias).toHaveCount(1);
  await expect(noBias).toContainText(/\d+ %/);
  // The most-failed hidden test (chart's data table, most-failed first) is one that the wrong attempt failed.
  const failingTable = page.locator("details.chart-data").filter({ hasText: "Most-failed hidden tests" });
  await failingTable.locator("summary").click();
  const topRow = await failingTable.locator("tbody tr").first().innerText();
  expect(failedHidden.some((name) => topRow.includes(name)), topRow).toBe(true);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "class dashboard");
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, testInfo, "class dashboard at phone width");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The per-student page shows the attempt, its code escaped.
  const studentTwoHref = await rowOf(wrong.name).getByRole("link").getAttribute("href");
  await page.goto(studentTwoHref!);
  await expect(page.getByRole("heading", { name: wrong.name, level: 1 })).toBeVisible();
  await expect(page.locator(".attempt pre code").first()).toContainText("const mHat = m.map((mi) => mi);");
  await expect(page.locator('section[data-exercise="adam"] [data-testid^="counted-"]')).toContainText(wrongPercent.replace("%", " %"));

  // The gradebook download matches what the submissions API says was scored (adam: its exercise's 15 points, on time).
  const [download] = await Promise.all([page.waitForEvent("download"), page.goto("/courses/keras/manage/dashboard").then(() => page.getByRole("link", { name: "Download gradebook (CSV)" }).click())]);
  const csv = parseCsv(readFileSync((await download.path())!, "utf8"));
  const header = csv[0]!;
  const adamColumn = header.findIndex((name) => name.startsWith("adam "));
  expect(adamColumn).toBeGreaterThan(1);
  expect(header[adamColumn]).toBe("adam (15)");
  const byEmail = new Map(csv.slice(1).map((row) => [row[0], row]));
  expect(Number(byEmail.get(right.email)![adamColumn])).toBe(15);
  expect(Number(byEmail.get(wrong.email)![adamColumn])).toBeCloseTo(Math.round(failed.score! * 15 * 100) / 100, 2);
  expect(byEmail.get(idle.email)![adamColumn]).toBe("");
  expect(byEmail.get(wrong.email)![1]).toBe(wrong.name);
  expect(byEmail.has("instructor@demo.local")).toBe(false);
  const submissionsCsv = await page.request.get("/api/courses/keras/export/submissions");
  expect(submissionsCsv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(submissionsCsv.headers()["content-disposition"]).toMatch(/^attachment;/);
  const submissionRows = parseCsv(await submissionsCsv.text());
  const failedRow = submissionRows.find((row) => row[0] === failed.id)!;
  expect(failedRow).toEqual(expect.arrayContaining([wrong.email, "adam", "graded"]));
  // The assessment the attempt counts toward sits next to its exercise.
  expect(submissionRows[0]!.slice(2, 4)).toEqual(["assessment", "exercise"]);
  expect(failedRow[2]).not.toBe("");

  // A student is refused every instructor URL with not-found.
  const studentTwoId = studentTwoHref!.split("/").pop()!;
  for (const url of ["/courses/keras/manage/dashboard", `/courses/keras/manage/students/${studentTwoId}`]) {
    const response = await one.page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  for (const url of ["/api/courses/keras/export/gradebook", "/api/courses/keras/export/submissions"]) {
    const response = await one.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text()).not.toContain(wrong.email);
  }
  await one.context.close();
  await two.context.close();
});
