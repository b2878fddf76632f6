import { expect, test } from "@playwright/test";
import { saveScreenshot, sidewaysScroll, signIn, submitThroughApi } from "./support";

/** What student3 sends to RMSProp: not an answer, just something to count. */
const NOT_YET = { exercise: "rmsprop", code: "export const notYet = 1;\n" };

/** Seconds in "Graded in 140 ms" / "Graded in 2.3 s". */
function gradedInSeconds(text: string): number {
  const match = /Graded in ([\d.]+) (ms|s)\b/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]) / (match![2] === "ms" ? 1000 : 1);
}

test("submissions and runs are counted apart on the assignment and its regrade page; a regrade's time is its own; the dashboard opens where students were last", async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student, "student3@demo.local", { waitFor: "url-not-signin" });
  await submitThroughApi(student.request, origin, { ...NOT_YET, mode: "run" });
  await submitThroughApi(student.request, origin, { ...NOT_YET, mode: "submit" });
  const submittedAt = Date.now();
  await studentContext.close();

  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: "RMSProp", exact: true }).click();
  await expect(page.getByTestId("activity-counts")).toContainText("So far: 1 submission and 1 run.");
  await page.getByRole("link", { name: "Regrade submissions" }).click();
  await expect(page.getByRole("heading", { name: "Regrade: RMSProp", level: 1 })).toBeVisible();
  await expect(page.getByTestId("activity-counts")).toContainText("So far: 1 submission and 1 run.");
  await expect(page.getByRole("row").filter({ hasText: "(current)" }).getByRole("cell").last()).toHaveText("1");

  // The submission is old by now: a duration counted from its creation would be at least this long.
  const age = 6_000;
  await page.waitForTimeout(Math.max(0, submittedAt + age - Date.now()));
  await page.getByRole("button", { name: "Regrade all submissions" }).click();
  const progress = page.getByTestId("regrade-progress");
  await expect(progress).toHaveAttribute("data-finished", "true", { timeout: 120_000 });
  await expect(progress).toContainText("1 of 1 submission (100 %)");

  // The dashboard opens on the assignment a student submitted to last, its columns named by title.
  await page.goto("/courses/keras/manage/dashboard");
  await expect(page.locator("#detail-title")).toHaveText("RMSProp");
  const headers = (await page.getByTestId("heatmap").locator("thead th").allInnerTexts()).map((text) => text.trim());
  expect(headers).toEqual(expect.arrayContaining(["RMSProp", "Adam", "Learning-rate schedules by the numbers"]));
  for (const id of ["rmsprop", "adam", "lr-schedule-numbers"]) expect(headers).not.toContain(id);
  await saveScreenshot(page, testInfo, "dashboard opened on the latest activity");

  const row = page.getByTestId("heatmap").locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: "Student Three" }) });
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Student Three", level: 1 })).toBeVisible();
  const meta = page.getByRole("region", { name: "RMSProp" }).locator(".attempt-meta");
  await expect(meta).toHaveCount(1);
  const seconds = gradedInSeconds(await meta.innerText());
  expect(seconds).toBeGreaterThanOrEqual(0);
  expect(seconds).toBeLessThan(age / 1000);
});

const PHONE = { width: 390, height: 844 };

test("at 390 px wide the dashboard, the roster and the other instructor pages do not scroll sideways", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  // A long address and name, as real rosters have.
  await page.goto("/courses/keras/manage/roster");
  const suffix = Date.now().toString(36);
  await page.getByLabel("Roster CSV").setInputFiles({
    name: "roster.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,name\nmaximiliane.wolkenstein-rodenegg.${suffix}@students.university-of-applied-sciences.example.org,Maximiliane Wolkenstein-Rodenegg von Trostburg\n`),
  });
  await page.getByRole("button", { name: "Import roster" }).click();
  await expect(page.getByTestId("import-report")).toBeVisible({ timeout: 30_000 });

  await page.setViewportSize(PHONE);
  await page.goto("/courses/keras/manage/dashboard");
  const studentHref = await page.getByTestId("heatmap").locator("tbody tr").first().getByRole("link").getAttribute("href");
  const pages = [
    "/courses/keras/manage/dashboard",
    "/courses/keras/manage/roster",
    "/courses/keras/manage",
    "/courses/keras/manage/assignments",
    "/courses/keras/manage/assignments/new",
    "/courses/keras/manage/exercises",
    studentHref!,
  ];
  for (const url of pages) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const overflow = await sidewaysScroll(page);
    await saveScreenshot(page, testInfo, `390 ${url}`);
    expect(overflow.scrollWidth, `${url}: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(overflow.clientWidth);
  }
  // The assignment's own pages too.
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: "Adam", exact: true }).click();
  for (const step of ["edit", "regrade"]) {
    if (step === "regrade") await page.getByRole("link", { name: "Regrade submissions" }).click();
    await page.waitForLoadState("networkidle");
    const overflow = await sidewaysScroll(page);
    expect(overflow.scrollWidth, `${step}: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(overflow.clientWidth);
  }
});

test("after a student's Run the dashboard shows the course's feedback times, and /api/health the queue wait", async ({ browser, page }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student, "student2@demo.local", { waitFor: "url-not-signin" });
  const run = await submitThroughApi(student.request, origin, { exercise: "adam", code: "export const timed = 1;\n", mode: "run" });
  expect(run.status).toMatch(/graded|error/);
  await studentContext.close();

  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await page.goto("/courses/keras/manage/dashboard");
  const panel = page.getByTestId("queue-timings");
  await expect(panel.getByRole("heading", { name: "Feedback times" })).toBeVisible();
  // Median / 95th percentile of the last hour: figures, not the dash of an empty window.
  const latency = /^\d+(\.\d)?\s(ms|s) \/ \d+(\.\d)?\s(ms|s)$/;
  for (const stage of ["queueWait", "grading", "submitToGraded"]) {
    await expect(panel.locator(`tr[data-stage="${stage}"] td`).first()).toHaveText(latency);
  }
  await saveScreenshot(page, testInfo, "feedback times");

  const health = (await (await page.request.get("/api/health")).json()) as { queue: { wait?: { windowSeconds: number; submissions: number; p50Ms: number | null } } };
  expect(health.queue.wait).toMatchObject({ windowSeconds: 900, submissions: expect.any(Number), p50Ms: expect.any(Number) });
  expect(health.queue.wait!.submissions).toBeGreaterThanOrEqual(1);
});
