import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { replaceCode, saveScreenshot, signIn } from "./support";
import { PID_VARIABLE, spawnTimedApp, stopTimedApp, TIMED_BASE, waitForTimedApp } from "./timed-app";

/**
 * Issue 18's exam: an instructor makes a 20-minute assessment with an access code whose scores wait for
 * release, and grants student1 1.5× time. The student starts with the code: the clock shows 30:00, goes on
 * across a reload and a restart of the server, and at zero the code in the editor is submitted without a
 * press of Submit. The score stays hidden until the instructor releases it.
 *
 * The scenario runs on a second app of its own (same build, its own port and data directory) so that the
 * spec can stop and start it: E2E_TIMED_PORT, or E2E_PORT + 10 (tests/e2e/timed-app.ts; global setup
 * begins it while the other specs run).
 */

const BASE = TIMED_BASE;
const ROOT = path.resolve(import.meta.dirname, "../..");
const COURSE = "/courses/keras";
const EXAM = `Midterm ${Date.now().toString(36)}`;
const ACCESS_CODE = "ROOM-42";
const EXERCISE = "Batches and steps per epoch";
const SOLUTION = readFileSync(path.join(ROOT, "exercises/batching/solution.ts"), "utf8");
const PHONE = { width: 390, height: 844 };

/** "29:58" → 1798 seconds. */
const secondsOf = (text: string | null) => {
  const match = /^(\d+):(\d\d)$/.exec((text ?? "").trim());
  expect(match, `a clock in "${text}"`).not.toBeNull();
  return Number(match![1]) * 60 + Number(match![2]);
};

/** The second app's process: the one global setup began (TIMED_APP_PID), then the one this spec restarted. */
let serverPid = 0;

async function startServer({ fresh }: { fresh: boolean }): Promise<void> {
  const child = spawnTimedApp({ fresh });
  serverPid = child.pid ?? 0;
  await waitForTimedApp(serverPid, 120_000);
}

async function stopServer(): Promise<void> {
  const pid = serverPid;
  serverPid = 0;
  if (pid > 0) await stopTimedApp(pid);
}

async function pageOn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const timer = (page: Page) => page.getByRole("timer", { name: "Time left" });

/**
 * Resolves once the page has its first answer from the exam's state endpoint (its server time) and a tick
 * of the clock (every 500 ms) has had the time to show it.
 */
async function serverTime(page: Page): Promise<void> {
  await page.waitForResponse((response) => /\/assessments\/[0-9a-f-]{36}\/exam$/.test(new URL(response.url()).pathname) && response.request().method() === "GET");
  await page.waitForTimeout(600);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const begun = Number(process.env[PID_VARIABLE]);
  if (begun > 0) {
    // Begun in the background by global setup, on a fresh data directory.
    serverPid = begun;
    await waitForTimedApp(serverPid, 170_000);
  } else {
    await startServer({ fresh: true });
  }
});

test.afterAll(async () => {
  await stopServer();
});

test("a 20-minute exam with 1.5× time: the clock survives a reload and a server restart, the editor's code is submitted at zero, the score waits for release", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const teacher = await pageOn(browser, "instructor@demo.local");
  let examId = "";

  await test.step("the instructor makes the exam: 20 minutes, an access code, scores held until released, one code exercise", async () => {
    await teacher.goto(`${COURSE}/manage/assessments/new`);
    await teacher.getByLabel("Title", { exact: true }).fill(EXAM);
    await teacher.getByLabel("Time limit (minutes)", { exact: true }).fill("20");
    await teacher.getByLabel("Access code", { exact: true }).fill(ACCESS_CODE);
    await teacher.getByLabel("Scores and feedback", { exact: true }).selectOption({ label: "When I release them" });
    await teacher.getByRole("button", { name: "Create assessment" }).click();
    await expect(teacher.getByRole("heading", { name: EXAM, level: 1 })).toBeVisible();
    examId = /\/assessments\/([0-9a-f-]{36})/.exec(teacher.url())![1]!;
    await teacher.getByLabel("Search by title").fill(EXERCISE);
    await teacher.getByRole("button", { name: `Add ${EXERCISE}`, exact: true }).click();
    await expect(teacher.locator(".picker-status")).toContainText(`${EXERCISE} added as exercise 1 of 1.`);
  });

  await test.step("student1 gets 1.5× time on it", async () => {
    await teacher.goto(`${COURSE}/manage/accommodations`);
    const form = teacher.locator("#grant");
    await form.getByLabel("Student or group").selectOption({ label: "Student One (student1@demo.local)" });
    await form.getByLabel("Assessment").selectOption(examId);
    await form.getByLabel("Time multiplier").fill("1.5");
    await form.getByRole("button", { name: "Grant", exact: true }).click();
    await expect(form.getByRole("status")).toContainText("Granted");
  });

  const student = await pageOn(browser, "student1@demo.local");
  const examPage = `${COURSE}/assessments/${examId}`;
  let afterStart = 0;

  await test.step("the student sees 30 minutes, is refused a wrong code, starts with the right one: 30:00", async () => {
    await student.setViewportSize(PHONE);
    await student.goto(examPage);
    await expect(student.getByText("Time limit: 20 minutes.")).toBeVisible();
    await expect(student.getByText("With your accommodation: 30 minutes.")).toBeVisible();
    await expect(student.getByText("You can start once; the clock keeps running if you leave or reload.")).toBeVisible();
    // The exercise is not shown before the start.
    await student.goto(`${COURSE}/exercises/batching?assessment=${examId}`);
    await expect(student.getByTestId("exam-not-started")).toBeVisible();
    await expect(student.locator(".cm-content")).toHaveCount(0);
    await student.goto(examPage);
    await student.getByLabel("Access code").fill("room-41");
    await student.getByRole("button", { name: "Start now" }).click();
    await expect(student.getByRole("alert").filter({ hasText: "access code is not right" })).toBeVisible();
    await student.getByLabel("Access code").fill(ACCESS_CODE);
    await student.getByRole("button", { name: "Start now" }).click();
    await expect(timer(student)).toHaveText(/^(30:00|29:[45]\d)$/);
    afterStart = secondsOf(await timer(student).textContent());
    expect(await student.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot(student, testInfo, "exam started 390");
  });

  let beforeRestart = 0;
  await test.step("a reload continues the clock; it is not reset", async () => {
    // The clock has moved on before the reload (a reset would show more than it does now).
    await expect.poll(async () => secondsOf(await timer(student).textContent())).toBeLessThan(afterStart);
    const synced = serverTime(student);
    await student.reload();
    await expect(timer(student)).toHaveText(/^\d\d:\d\d$/);
    // The clock is read once the page has its server time (the first poll).
    await synced;
    beforeRestart = secondsOf(await timer(student).textContent());
    expect(beforeRestart).toBeLessThan(afterStart);
    expect(beforeRestart).toBeGreaterThan(afterStart - 30);
    // Starting again changes nothing.
    const again = await student.request.post(`/api/courses/keras/assessments/${examId}/exam`, { data: { action: "start", accessCode: ACCESS_CODE }, headers: { origin: BASE } });
    expect(again.status()).toBe(200);
  });

  await test.step("after a restart of the server the clock has gone on", async () => {
    const stoppedAt = Date.now();
    await stopServer();
    await startServer({ fresh: false });
    const downSeconds = Math.ceil((Date.now() - stoppedAt) / 1000);
    const synced = serverTime(student);
    await student.goto(`${COURSE}/exercises/batching?assessment=${examId}`);
    await expect(timer(student)).toHaveText(/^\d\d:\d\d$/);
    await synced;
    const afterRestart = secondsOf(await timer(student).textContent());
    expect(afterRestart).toBeLessThanOrEqual(beforeRestart - downSeconds + 2);
    expect(afterRestart).toBeGreaterThan(beforeRestart - downSeconds - 60);
  });

  await test.step("the student types the solution (a draft, no Submit)", async () => {
    await student.setViewportSize({ width: 1280, height: 800 });
    await replaceCode(student, SOLUTION);
    await expect(student.getByTestId("draft-status")).toHaveText("Saved", { timeout: 15_000 });
  });

  await test.step("the instructor shortens the limit so that time runs out within the test", async () => {
    const state = await (await student.request.get(`/api/courses/keras/assessments/${examId}/exam`)).json();
    const elapsed = Date.parse(state.serverNow) - Date.parse(state.startedAt);
    // The smallest whole limit whose 1.5× (rounded up) leaves at least 40 s from now.
    let limit = 1;
    while (Math.ceil(limit * 1.5) * 60_000 - elapsed < 40_000) limit++;
    await teacher.goto(`${COURSE}/manage/assessments/${examId}`);
    await teacher.getByLabel("Time limit (minutes)", { exact: true }).fill(String(limit));
    await teacher.getByRole("button", { name: "Save assessment" }).click();
    await expect(teacher.getByTestId("assessment-saved")).toBeVisible();
  });

  await test.step("the page picks up the new deadline, reaches zero and submits the editor's code; no score is shown", async () => {
    await expect(student.getByText("Time is up. Your work was submitted.").first()).toBeVisible({ timeout: 150_000 });
    await student.reload();
    await expect(student.getByText("Time is up. Your work was submitted.").first()).toBeVisible();
    await expect(student.getByTestId("readonly-code")).toContainText("Math.ceil");
    await expect(student.getByRole("button", { name: "Submit", exact: true })).toHaveCount(0);
    await expect(student.getByText("Your score and feedback will be released by your instructor.").first()).toBeVisible({ timeout: 60_000 });
    await expect(student.getByTestId("counting-score")).not.toContainText("%");
    await saveScreenshot(student, testInfo, "time up, held back");
  });

  await test.step("the instructor releases; the student sees the score", async () => {
    await teacher.goto(`${COURSE}/manage/assessments/${examId}`);
    await teacher.getByRole("button", { name: "Release scores and feedback" }).click();
    await expect(teacher.getByText(/Released on/)).toBeVisible();
    await expect
      .poll(
        async () => {
          await student.reload();
          return student.getByTestId("counting-score").textContent();
        },
        { timeout: 60_000 },
      )
      .toContain("100 %");
    await saveScreenshot(student, testInfo, "released");
  });
});
