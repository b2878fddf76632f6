import { expect, type APIRequestContext, type Browser, type Locator, type Page, type TestInfo } from "@playwright/test";

/**
 * Helpers the e2e specs share: signing in and out, screenshots, the admin page's course and instructor
 * forms, the code editor, and waiting for a submission's result. Where the specs' own copies differed (what
 * signing in waits for, where a screenshot goes, how long a result may take), the difference is an option,
 * so that each spec keeps what it checked before.
 */

/** The password of every demo account (DEMO_PASSWORD in lib/seed/demo.ts, not imported: it pulls in the database). */
export const PASSWORD = "tensorgrade";

// ---------------------------------------------------------------------------------------------------------
// Screenshots.

export interface ScreenshotOptions {
  /** A folder inside the test's output directory to keep the file in (the a11y specs use "screenshots"). */
  folder?: string;
}

/** A full-page screenshot kept as a test artifact in test-results/ (and attached to the report). */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string, { folder }: ScreenshotOptions = {}) {
  const fileName = `${name.replace(/[^a-z0-9]+/gi, "-")}.png`;
  const file = folder === undefined ? testInfo.outputPath(fileName) : testInfo.outputPath(folder, fileName);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

// ---------------------------------------------------------------------------------------------------------
// Signing in and out.

/**
 * What `signIn` waits for once the form is sent:
 * - "courses" (the default): asserts that the home page's "Your courses" heading is visible;
 * - "url-not-signin": asserts that the URL no longer matches /\/signin/ (a retried expect);
 * - "left-signin": waits (page.waitForURL, not an assertion) until the path no longer starts with /signin;
 * - "nothing": returns once the button is pressed, for sign-ins that are meant to be refused.
 */
export type SignInWait = "courses" | "url-not-signin" | "left-signin" | "nothing";

export interface SignInOptions {
  /** The account's password; the demo accounts' by default. */
  password?: string;
  waitFor?: SignInWait;
}

/**
 * Passwords this run chose for accounts that signed in with a one-time password (which the app then
 * makes them replace): a spec that signs in again with the one-time password gets the chosen one.
 */
const chosenPasswords = new Map<string, string>();

/** The password an account that must replace its one-time password `password` chooses in these specs. */
export function chosenPasswordFor(password: string): string {
  return `${password}-chosen-in-e2e`;
}

/** On the account page that a one-time password leads to: chooses a password and waits until home. */
export async function replaceOneTimePassword(page: Page, email: string, oneTimePassword: string) {
  const chosen = chosenPasswordFor(oneTimePassword);
  await page.getByLabel("Current password").fill(oneTimePassword);
  await page.getByLabel("New password").fill(chosen);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
  chosenPasswords.set(email.toLowerCase(), chosen);
}

/**
 * Signs in through the sign-in form. An account with a one-time password is sent to the account page
 * first: it chooses a password there (remembered for later sign-ins) and goes on home.
 */
export async function signIn(page: Page, email: string, { password: given = PASSWORD, waitFor = "courses" }: SignInOptions = {}) {
  const password = chosenPasswords.get(email.toLowerCase()) ?? given;
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (waitFor !== "nothing") {
    // Home, or the account page first for a one-time password (the sign-in form always goes home).
    const mustChange = page.getByTestId("must-change-password");
    await expect(page.getByRole("heading", { name: "Your courses" }).or(mustChange)).toBeVisible();
    if (await mustChange.isVisible()) await replaceOneTimePassword(page, email, password);
  }
  switch (waitFor) {
    case "courses":
      await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
      break;
    case "url-not-signin":
      await expect(page).not.toHaveURL(/\/signin/);
      break;
    case "left-signin":
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      break;
    case "nothing":
      break;
  }
}

/** A page of a new browser context (cookies of its own), signed in as `email`. */
export async function signedInPage(browser: Browser, email: string, options?: SignInOptions): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, options);
  return page;
}

/** Signs out through the sign-out page and checks that the sign-in page follows. */
export async function signOut(page: Page) {
  await page.goto("/signout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

// ---------------------------------------------------------------------------------------------------------
// The admin page: a new course and its instructor. Each spec checks the admin page's answers itself.

export interface NewCourse {
  slug: string;
  title: string;
  /** Left at the form's default when not given. */
  timeZone?: string;
}

/** On the admin page: fills in and sends the form that creates a course. */
export async function createCourse(page: Page, { slug, title, timeZone }: NewCourse) {
  await page.getByLabel("Address").fill(slug);
  await page.getByLabel("Title").fill(title);
  if (timeZone !== undefined) await page.getByLabel("Time zone").fill(timeZone);
  await page.getByRole("button", { name: "Create course" }).click();
}

export interface NewInstructor {
  /** The slug of the course they are to teach. */
  course: string;
  email: string;
  name: string;
}

/** On the admin page: makes an instructor account for a course; returns its one-time password as shown. */
export async function makeInstructor(page: Page, { course, email, name }: NewInstructor): Promise<string> {
  await page.getByRole("combobox", { name: "Course", exact: true }).selectOption(course);
  await page.getByLabel("Instructor email").fill(email);
  await page.getByLabel("Instructor name").fill(name);
  await page.getByRole("button", { name: "Make instructor" }).click();
  // The notice names the account: a second instructor made on the same page must not read the first one's password.
  const notice = page.getByTestId("instructor-password");
  await expect(notice).toContainText(email.toLowerCase());
  return (await notice.locator(".secret").textContent()) ?? "";
}

// ---------------------------------------------------------------------------------------------------------
// The exercise page: the code editor and the result of a Run or a Submit.

/** Replaces everything in the code editor with `code`: click into it, select all, delete, insert. */
export async function replaceCode(page: Page, code: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

export interface ResultOptions {
  /** How long the grader may take, in ms (60 s unless a spec allowed more). */
  timeout?: number;
}

/** The submission result once the grader has answered: graded, or an error. */
export async function finalResult(page: Page, { timeout = 60_000 }: ResultOptions = {}): Promise<Locator> {
  const result = page.getByTestId("submission-result");
  await expect(result).toHaveAttribute("data-status", /graded|error/, { timeout });
  return result;
}

/** Presses Submit or Run examples and returns the result once the grader has answered. */
export async function submitAndWait(page: Page, button: "Submit" | "Run examples", options: ResultOptions = {}): Promise<Locator> {
  await page.getByRole("button", { name: button, exact: true }).click();
  return finalResult(page, options);
}

/** A submission as GET /api/submissions/[id] shows it (the fields the specs read). */
export interface SubmissionView {
  status: string;
  score: number | null;
  tests: Array<{ name: string; passed: boolean; hidden: boolean }>;
}

export interface ApiSubmission {
  exercise: string;
  code: string;
  /** Sent only when given; the app treats a request without one as a Submit. */
  mode?: "run" | "submit";
  course?: string;
}

/**
 * Submits code through the app's JSON API with the session of `request`, then polls until it is graded (or
 * failed); returns the submission's id and view.
 */
export async function submitThroughApi(request: APIRequestContext, origin: string, { exercise, code, mode, course = "keras" }: ApiSubmission) {
  const created = await request.post(`/api/courses/${course}/exercises/${exercise}/submissions`, { data: mode === undefined ? { code } : { code, mode }, headers: { origin } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  const latest: { view?: SubmissionView | null } = {};
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/submissions/${id}`);
        latest.view = (await response.json()) as SubmissionView | null;
        return latest.view?.status;
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/graded|error/);
  return { id, ...latest.view! };
}

// ---------------------------------------------------------------------------------------------------------
// Layout.

/** The page's horizontal overflow, with the elements that stick out, for a readable failure. */
export async function sidewaysScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    // Inside a box that scrolls or clips on its own, sticking out is that box's business.
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element))
      .slice(0, 8)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} right=${Math.round(element.getBoundingClientRect().right)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
}
