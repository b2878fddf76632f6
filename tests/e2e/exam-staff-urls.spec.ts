import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedInPage, submitAndWait } from "./support";

/**
 * Issue 18: a student is refused every staff URL of its features — the exam monitor and a student's exam
 * log, the regrade queue and a request (their own included), the gradebook CSV that shows overrides —
 * and every staff action, sent with the student's session as the instructor's browser sends it (captured
 * from the instructor's page, then replayed): resolving a regrade request, releasing scores, adjusting a
 * score. A refusal is the not-found page, a 404 JSON answer, or an action that changes nothing.
 * Pages and actions of the other parts of the issue are addressed by the paths and labels the issue's
 * contract gives them; an action whose control is not on the page yet is skipped.
 */

const COURSE = "keras";
const NOT_FOUND_TEXT = "There is nothing here, or it is not yours to see.";
// A code exercise no other spec submits to as this new student.
const EXERCISE = "one-hot-encoding";

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * What the page's server action call would send when `act` runs, captured and stopped before it reaches the
 * server (so that the instructor's own call changes nothing): its URL, headers and body.
 */
async function captureAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (request.method() === "POST" && headers["next-action"] && !captured) {
      captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else await route.continue();
  });
  await act();
  await expect.poll(() => captured !== undefined, { timeout: 15_000 }).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Sends a captured action with the student's session (their cookies; the app's own origin). */
async function replayAs(student: Page, action: CapturedAction) {
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree", "origin"];
  const headers = Object.fromEntries(Object.entries(action.headers).filter(([name]) => keep.includes(name)));
  const response = await student.request.fetch(action.url, { method: "POST", headers, data: action.body, maxRedirects: 0 });
  const text = await response.text();
  expect(text, "the action answered a success").not.toContain('"ok":true');
  return { status: response.status(), text };
}

async function newStudent(browser: Browser, instructor: Page, email: string): Promise<{ page: Page; userId: string }> {
  await instructor.goto(`/courses/${COURSE}/manage/roster`);
  await instructor.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${email},Exam URL Student\n`) });
  await instructor.getByRole("button", { name: "Import roster" }).click();
  const password = (await instructor.getByTestId("initial-passwords").getByRole("row").filter({ hasText: email }).locator(".secret").textContent()) ?? "";
  await instructor.reload();
  const userId = (await instructor.locator(`tr[data-email="${email}"]`).getAttribute("data-user-id")) ?? "";
  expect(userId).toMatch(/^[0-9a-f-]{36}$/);
  return { page: await signedInPage(browser, email, { password }), userId };
}

test.describe.configure({ mode: "serial" });

const email = `exam-urls-${Date.now().toString(36)}@demo.local`;
let instructor: Page;
let student: Page;
let userId: string;
let assessmentId: string;
let requestId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  instructor = await signedInPage(browser, "instructor@demo.local");
  ({ page: student, userId } = await newStudent(browser, instructor, email));
  await instructor.goto(`/courses/${COURSE}`);
  assessmentId = (await instructor.locator("section[data-assessment-id]").first().getAttribute("data-assessment-id")) ?? "";
  expect(assessmentId).toMatch(/^[0-9a-f-]{36}$/);
  // The student's own regrade request: even its staff page is not theirs.
  await student.goto(`/courses/${COURSE}/exercises/${EXERCISE}`);
  await submitAndWait(student, "Submit");
  await student.reload();
  const attempt = student.locator(".history tbody tr").first();
  await attempt.getByText("Ask for a review", { exact: true }).click();
  await attempt.getByLabel("Your message to the course staff").fill("Please look at test 1 again.");
  await attempt.getByRole("button", { name: "Send request" }).click();
  await expect(attempt.getByText(/^Review requested/)).toBeVisible({ timeout: 30_000 });
  await instructor.goto(`/courses/${COURSE}/manage/regrade-requests?student=${encodeURIComponent(email)}`);
  requestId = (await instructor.locator("tr[data-request-id]").first().getAttribute("data-request-id")) ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test("every staff page of issue 18 is the not-found page to a student; the gradebook CSV is a 404", async () => {
  const manage = `/courses/${COURSE}/manage`;
  const pages = [
    `${manage}/assessments/${assessmentId}/exam`,
    `${manage}/assessments/${assessmentId}/exam/${userId}`,
    `${manage}/regrade-requests`,
    `${manage}/regrade-requests?status=all`,
    `${manage}/regrade-requests/${requestId}`,
    `${manage}/students/${userId}`,
    `${manage}/gradebook`,
    `${manage}/assessments/${assessmentId}`,
  ];
  for (const url of pages) {
    const response = await student.request.get(url, { maxRedirects: 0 });
    expect.soft(response.status(), url).toBe(404);
    expect.soft(await response.text(), url).toContain(NOT_FOUND_TEXT);
  }
  // In the browser too: the not-found page, and no instructor area.
  await student.goto(`${manage}/regrade-requests/${requestId}`);
  await expect(student.getByText(NOT_FOUND_TEXT)).toBeVisible();
  await expect(student.getByRole("navigation", { name: "Instructor area" })).toHaveCount(0);

  for (const url of [`/api/courses/${COURSE}/export/gradebook`, `/api/courses/${COURSE}/export/submissions`]) {
    const response = await student.request.get(url);
    expect.soft(response.status(), url).toBe(404);
    expect.soft(response.headers()["content-type"], url).toMatch(/json/);
  }
});

test("resolving a regrade request, sent with the student's session, is refused and changes nothing", async () => {
  await instructor.goto(`/courses/${COURSE}/manage/regrade-requests/${requestId}`);
  await instructor.getByLabel("Response").fill("Sent by the student: must not count.");
  await instructor.getByLabel("New score (%)").fill("100");
  const action = await captureAction(instructor, () => instructor.getByRole("button", { name: "Resolve" }).click());
  const { text } = await replayAs(student, action);
  expect(text).toContain("NOT_FOUND");
  await instructor.goto(`/courses/${COURSE}/manage/regrade-requests/${requestId}`);
  await expect(instructor.getByTestId("request-status")).toHaveText("open");
  await expect(instructor.getByTestId("submission-score")).not.toContainText("set by staff");
});

test("releasing an assessment's scores, sent with the student's session, is refused", async () => {
  // An assessment of its own whose scores wait for the instructor (the release policy's form field).
  await instructor.goto(`/courses/${COURSE}/manage/assessments/new`);
  const policy = instructor.getByLabel("Scores and feedback");
  test.skip((await policy.count()) === 0, "the release policy (issue 18) is not merged yet");
  await instructor.getByLabel("Title", { exact: true }).fill(`Held back ${Date.now().toString(36)}`);
  await policy.selectOption({ label: "When I release them" });
  await instructor.getByRole("button", { name: "Create assessment" }).click();
  await instructor.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
  await expect(instructor.getByText("Held back", { exact: true })).toBeVisible();
  const release = instructor.getByRole("button", { name: "Release scores and feedback" });
  const action = await captureAction(instructor, () => release.click());
  await replayAs(student, action);
  await instructor.reload();
  await expect(instructor.getByText("Held back", { exact: true })).toBeVisible();
  await expect(instructor.getByText(/^Released on/)).toHaveCount(0);
});

test("adjusting a score, sent with the student's session, is refused", async () => {
  await instructor.goto(`/courses/${COURSE}/manage/students/${userId}`);
  const adjust = instructor.getByText("Adjust score").first();
  test.skip((await adjust.count()) === 0, "the Adjust score control (issue 18, overrides) is not merged yet");
  await adjust.click();
  const form = instructor.locator("form").filter({ has: instructor.getByRole("button", { name: /Adjust|Save|Set/ }) }).first();
  for (const input of await form.locator("input[type=number]").all()) await input.fill("100");
  for (const input of await form.locator("textarea, input[type=text]").all()) await input.fill("Sent by the student: must not count.");
  const action = await captureAction(instructor, () => form.getByRole("button", { name: /Adjust|Save|Set/ }).first().click());
  await replayAs(student, action);
  const response = await instructor.request.get(`/api/courses/${COURSE}/export/submissions`);
  expect(await response.text()).not.toContain("Sent by the student");
});
