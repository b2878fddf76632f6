import { expect, test, type Browser } from "@playwright/test";
import { LIS_ROLE, startFakeLms, type FakeLms } from "../helpers/fake-lms";
import { PASSWORD, signedInPage } from "./support";

/*
 * An LMS (the fake one of the test suite, started here) launches Tensorgrade in its course page's iframe.
 * At "localhost" the LMS is the same site as the app (http://localhost:PORT): the frame keeps its cookies
 * over http, and the student lands in the exercise inside the frame. At 127.0.0.1 it is another site: the
 * browser refuses the frame's cookies, and the tool offers to open the launch in a new window, where it works.
 */

const EXERCISE = "adagrad";
let sameSite: FakeLms;
let crossSite: FakeLms;
let assignmentId: string;

/** Registers an LMS through the admin's manual registration form (/admin/lti). */
async function register(browser: Browser, lms: FakeLms) {
  const admin = await signedInPage(browser, "admin@demo.local", { waitFor: "url-not-signin" });
  await admin.goto("/admin/lti");
  await admin.getByLabel("Issuer").fill(lms.issuer);
  await admin.getByLabel("Client ID").fill(lms.clientId);
  await admin.getByLabel("Deployment IDs").fill(lms.deploymentId);
  await admin.getByLabel("Authorization (login) URL").fill(lms.urls.auth);
  await admin.getByLabel("Token URL").fill(lms.urls.token);
  await admin.getByLabel("JWKS URL").fill(lms.urls.jwks);
  await admin.getByRole("button", { name: "Save registration" }).click();
  await expect(admin.getByText(lms.issuer).first()).toBeVisible();
  await admin.context().close();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  sameSite = await startFakeLms({ hostname: "localhost", clientId: "tensorgrade-e2e" });
  crossSite = await startFakeLms({ hostname: "127.0.0.1", clientId: "tensorgrade-e2e-cross" });
  for (const lms of [sameSite, crossSite]) {
    lms.tool = { login: `${baseURL}/lti/login`, launch: `${baseURL}/lti/launch`, jwks: `${baseURL}/lti/jwks` };
    await register(browser, lms);
  }
  // The demo course's assignment of the exercise: what the LMS link opens (its custom parameter).
  const instructor = await signedInPage(browser, "instructor@demo.local");
  await instructor.goto("/courses/keras/manage/assignments");
  const href = await instructor.locator(`tr[data-exercise-id="${EXERCISE}"] a[href*="/manage/assignments/"]`).first().getAttribute("href");
  assignmentId = /\/manage\/assignments\/([0-9a-f-]{36})/.exec(href ?? "")![1]!;
  await instructor.context().close();

  // The course's instructor opens the link first (top level), which links each LMS course to the demo course.
  // Their Tensorgrade account has a password: the first launch asks for it before linking the LMS account.
  const teacher = { sub: "lms-teacher-1", name: "Ada Instructor", email: "instructor@demo.local", roles: [LIS_ROLE.instructor] };
  for (const lms of [sameSite, crossSite]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(lms.prepareLaunch({ user: teacher, resourceLinkId: "e2e-exercise", custom: { tensorgrade_assignment_id: assignmentId } }));
    await page.waitForURL(/\/lti\/link-account\/[0-9a-f-]{36}$/);
    await expect(page.getByText("An account with instructor@demo.local already exists in Tensorgrade")).toBeVisible();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Link and continue" }).click();
    await page.waitForURL(`**/courses/keras/exercises/${EXERCISE}`);
    await context.close();
  }
});

test.afterAll(async () => {
  await sameSite?.close();
  await crossSite?.close();
});

test("the LMS course page launches the tool in its iframe and the student lands in the exercise", async ({ page }) => {
  const student = { sub: "lms-student-41", name: "Lin Learner", email: "lin.learner@uni.test", roles: [LIS_ROLE.learner] };
  await page.goto(sameSite.prepareLaunch({ user: student, resourceLinkId: "e2e-exercise", custom: { tensorgrade_assignment_id: assignmentId } }, { frame: true }));
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  await expect(frame.getByRole("heading", { name: "Adagrad", level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(frame.getByRole("button", { name: "Submit", exact: true })).toBeVisible();
  expect(new URL(page.frame({ name: "tool-frame" })!.url()).pathname).toBe(`/courses/keras/exercises/${EXERCISE}`);
  // The top-level page is the LMS's: the app stays inside the frame.
  expect(page.url().startsWith(sameSite.issuer)).toBe(true);

  // The exercise page may be framed by this LMS only; opened directly, it is the student's, signed in by the launch.
  const direct = await page.request.get(`/courses/keras/exercises/${EXERCISE}`);
  expect(direct.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${sameSite.issuer}`);
  expect(direct.headers()["x-frame-options"]).toBeUndefined();
});

test("a frame that refuses the cookies offers a new window, where the launch lands in the exercise", async ({ page }) => {
  const student = { sub: "lms-student-42", name: "Kim Cross", email: "kim.cross@uni.test", roles: [LIS_ROLE.learner] };
  await page.goto(crossSite.prepareLaunch({ user: student, resourceLinkId: "e2e-exercise", custom: { tensorgrade_assignment_id: assignmentId } }, { frame: true }));
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  const open = frame.getByRole("link", { name: "Open in a new window" });
  await expect(open).toBeVisible({ timeout: 20_000 });
  const [popup] = await Promise.all([page.waitForEvent("popup"), open.click()]);
  await expect(popup.getByRole("heading", { name: "Adagrad", level: 1 })).toBeVisible({ timeout: 20_000 });
  expect(new URL(popup.url()).pathname).toBe(`/courses/keras/exercises/${EXERCISE}`);
});

test("an invalid launch shows what was wrong inside the frame", async ({ page }) => {
  const student = { sub: "lms-student-43", name: "Mo Mallory", email: "mo@uni.test", roles: [LIS_ROLE.learner] };
  await page.goto(sameSite.prepareLaunch({ user: student, custom: { tensorgrade_assignment_id: assignmentId }, overrides: { aud: "another-tool", azp: undefined } }, { frame: true }));
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  await expect(frame.getByRole("alert")).toContainText("meant for another tool");
  await expect(frame.getByText("Nothing was changed in Tensorgrade.")).toBeVisible();
});
