import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page, type TestInfo } from "@playwright/test";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const RIGHT_ADAM = readFileSync(path.join(FIXTURES, "students/adam/right-loops.ts"), "utf8");
const NO_BIAS_CORRECTION = readFileSync(path.join(FIXTURES, "grading/adam/student-no-bias-correction.ts"), "utf8");

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tensorgrade");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
}

async function studentSession(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page, request: context.request };
}

/** Submits through the app's JSON API with the student's session, then polls until graded; returns the submission. */
async function submitAndWait(request: APIRequestContext, origin: string, code: string) {
  const created = await request.post("/api/courses/keras/exercises/adam/submissions", { data: { code }, headers: { origin } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  let view: { status: string; score: number | null; tests: Array<{ name: string; passed: boolean; hidden: boolean }> } | null = null;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/submissions/${id}`);
        view = (await response.json()) as typeof view;
        return view?.status;
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/graded|error/);
  return { id, ...view! };
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

  await signIn(page, "instructor@demo.local");

  // Roster: two good rows and one bad one; the good rows are imported, the bad one reported by line.
  await page.goto("/courses/keras/manage/roster");
  await page.getByLabel("Roster CSV").setInputFiles({
    name: "roster.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("email,name\nroster.one@demo.local,Roster One\nnot-an-email,Broken Row\nroster.two@demo.local,Roster Two\n"),
  });
  await page.getByRole("button", { name: "Import roster" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId("row-errors").locator("li")).toHaveCount(1);
  await expect(report.getByTestId("row-errors")).toContainText("Line 3");
  await expect(report.getByTestId("enrolled")).toContainText("roster.one@demo.local");
  await expect(report.getByTestId("enrolled")).toContainText("roster.two@demo.local");

  // Deadline: a week from now, in the course's zone (UTC for the demo course).
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: "Adam", exact: true }).click();
  const due = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  due.setUTCSeconds(0, 0);
  await page.getByLabel("Due").fill(due.toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved|updated/i })).toBeVisible();

  // Two students submit through the app: one right, one without Adam's bias correction.
  const one = await studentSession(browser, "student1@demo.local");
  const two = await studentSession(browser, "student2@demo.local");
  const right = await submitAndWait(one.request, origin, RIGHT_ADAM);
  const wrong = await submitAndWait(two.request, origin, NO_BIAS_CORRECTION);
  expect(right).toMatchObject({ status: "graded", score: 1 });
  expect(wrong.status).toBe("graded");
  expect(wrong.score).toBeLessThan(1);
  const wrongHiddenFailures = wrong.tests.filter((t) => t.hidden && !t.passed).map((t) => t.name);
  expect(wrongHiddenFailures.length).toBeGreaterThan(0);

  // The dashboard: scores in the heatmap, the most-failed hidden test with its misconception.
  await page.goto("/courses/keras/manage/dashboard?assignment=adam");
  await expect(page.getByRole("heading", { name: "Class dashboard" })).toBeVisible();
  await expect(page.getByTestId("queue-depth")).toContainText(/Grading queue: \d+ waiting, \d+ running/);
  const heatmap = page.getByTestId("heatmap");
  const rowOf = (name: string) => heatmap.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(rowOf("Student One").locator('td[data-exercise="adam"] .heat-score')).toHaveText("100%");
  const wrongPercent = `${Math.round(wrong.score! * 100)}%`;
  await expect(rowOf("Student Two").locator('td[data-exercise="adam"] .heat-score')).toHaveText(wrongPercent);
  await expect(rowOf("Student Three").locator('td[data-exercise="adam"] .heat-score')).toHaveText("–");
  await expect(page.getByTestId("misconceptions")).toContainText("no bias correction");
  // One of the two who submitted fails the bias-correction tests: 50 %.
  await expect(page.getByTestId("misconceptions").locator("li").first()).toContainText("50 %");
  const failingTable = page.locator("details.chart-data").filter({ hasText: "Most-failed hidden tests" });
  await failingTable.locator("summary").click();
  await expect(failingTable.locator("tbody tr").first()).toContainText(wrongHiddenFailures[0]!.slice(0, 20));
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "class dashboard");
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, testInfo, "class dashboard at phone width");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The per-student page shows the attempt, its code escaped.
  const studentTwoHref = await rowOf("Student Two").getByRole("link").getAttribute("href");
  await page.goto(studentTwoHref!);
  await expect(page.getByRole("heading", { name: "Student Two", level: 1 })).toBeVisible();
  await expect(page.getByTestId("counted-adam")).toContainText(wrongPercent.replace("%", " %"));

  // The gradebook download matches what the submissions API says was scored (adam: 100 points, on time).
  const [download] = await Promise.all([page.waitForEvent("download"), page.goto("/courses/keras/manage/dashboard").then(() => page.getByRole("link", { name: "Download gradebook (CSV)" }).click())]);
  const csv = parseCsv(readFileSync((await download.path())!, "utf8"));
  const header = csv[0]!;
  const adamColumn = header.findIndex((name) => name.startsWith("adam "));
  expect(adamColumn).toBeGreaterThan(1);
  const byEmail = new Map(csv.slice(1).map((row) => [row[0], row]));
  expect(Number(byEmail.get("student1@demo.local")![adamColumn])).toBe(100);
  expect(Number(byEmail.get("student2@demo.local")![adamColumn])).toBeCloseTo(Math.round(wrong.score! * 100 * 100) / 100, 2);
  expect(byEmail.get("student3@demo.local")![adamColumn]).toBe("");
  expect(byEmail.has("roster.one@demo.local")).toBe(true);
  expect(byEmail.has("instructor@demo.local")).toBe(false);
  const submissionsCsv = await page.request.get("/api/courses/keras/export/submissions");
  expect(submissionsCsv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(submissionsCsv.headers()["content-disposition"]).toMatch(/^attachment;/);
  const submissionRows = parseCsv(await submissionsCsv.text());
  expect(submissionRows.find((row) => row[0] === wrong.id)).toEqual(expect.arrayContaining(["student2@demo.local", "adam", "graded"]));

  // A student is refused every instructor URL with not-found.
  const studentTwoId = studentTwoHref!.split("/").pop()!;
  for (const url of ["/courses/keras/manage/dashboard", `/courses/keras/manage/students/${studentTwoId}`]) {
    const response = await one.page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  for (const url of ["/api/courses/keras/export/gradebook", "/api/courses/keras/export/submissions"]) {
    const response = await one.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text()).not.toContain("student2@demo.local");
  }
  await one.context.close();
  await two.context.close();
});
