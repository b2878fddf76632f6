import { expect, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContext } from "@playwright/test";
import { createCourse, makeInstructor, signIn } from "../e2e/support";
import { INSTRUCTOR_AREA, ROLES, ROUTE_MATRIX, urlOf, type MatrixEntry, type Role, type SegmentValues } from "./access-matrix";
import { compareWithMatrix, discoverPages, discoverRoutes } from "./app-surface";

/**
 * Every page and every route handler method of the app, found on disk, asked over HTTP by every role, with
 * the answers tests/security/access-matrix.ts gives for it. The roles the demo lacks (a TA, a classmate,
 * another course's instructor) are made first, the way people make them: the roster import and the admin page.
 */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SLUG = "keras";
/** The not-found page's text (app/not-found.tsx); in a streamed page it is in the payload, not in an <h1>. */
const NOT_FOUND_TEXT = "There is nothing here, or it is not yours to see.";
const EXERCISE = "adam";

function keysFound(): string[] {
  return [...discoverPages().map((pattern) => `PAGE ${pattern}`), ...discoverRoutes()];
}

const requests = {} as Record<Role, APIRequestContext>;
const contexts: BrowserContext[] = [];
let values: SegmentValues;
let origin: string;

async function signedInRequest(browser: Browser, email: string, password?: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  contexts.push(context);
  await signIn(await context.newPage(), email, password === undefined ? {} : { password });
  return context.request;
}

function send(request: APIRequestContext, method: string, url: string, body: unknown, headers: Record<string, string> = { origin }): Promise<APIResponse> {
  if (!STATE_CHANGING.has(method)) return request.fetch(url, { method, maxRedirects: 0 });
  if (body === undefined) return request.fetch(url, { method, maxRedirects: 0, headers });
  return request.fetch(url, { method, maxRedirects: 0, headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(body) });
}

/** What the course's instructor and the refused role can read that a state change would show in: compared before and after. */
async function observe(role: Role): Promise<string[]> {
  const reads = [
    [requests.instructor, `/api/courses/${SLUG}/export/submissions`],
    [requests.instructor, `/api/courses/${SLUG}/export/gradebook`],
    [requests.student, `/api/courses/${SLUG}/exercises/${EXERCISE}/draft`],
    [requests[role], `/api/courses/${SLUG}/exercises/${EXERCISE}/draft`],
  ] as const;
  return Promise.all(reads.map(async ([request, url]) => {
    const response = await request.get(url);
    // A saved draft's time is part of its body: any save would show.
    return `${url} ${response.status()} ${await response.text()}`;
  }));
}

test("every page, route and method under app/ has an entry in the access matrix", () => {
  const { missing, stale } = compareWithMatrix(keysFound(), Object.keys(ROUTE_MATRIX));
  expect(missing, `pages and routes without an entry in tests/security/access-matrix.ts: ${missing.join(", ")}`).toEqual([]);
  expect(stale, `entries in tests/security/access-matrix.ts for pages or routes that are gone: ${stale.join(", ")}`).toEqual([]);
  for (const key of Object.keys(ROUTE_MATRIX).filter((k) => STATE_CHANGING.has(k.split(" ")[0]!) && !k.includes("/api/auth/"))) {
    const entry = ROUTE_MATRIX[key]!;
    expect(entry.refusedBody !== undefined && entry.allowedBody !== undefined, `${key} names the bodies a refused and an allowed role send`).toBe(true);
  }
});

test.describe("every role against every page and route", () => {
  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    origin = new URL(baseURL!).origin;
    const suffix = Date.now().toString(36);

    const instructorContext = await browser.newContext();
    contexts.push(instructorContext);
    const instructor = await instructorContext.newPage();
    await signIn(instructor, "instructor@demo.local");
    requests.instructor = instructorContext.request;
    await instructor.goto(`/courses/${SLUG}/manage/assignments`);
    const href = await instructor.locator(`tr[data-exercise-id="${EXERCISE}"] a[href*="/manage/assignments/"]`).first().getAttribute("href");
    const assignmentId = href?.split("/").pop() ?? "";
    expect(assignmentId).toMatch(/^[0-9a-f-]{36}$/);
    // The assessment that holds the exercise, from the course page's sections.
    await instructor.goto(`/courses/${SLUG}`);
    const assessmentId =
      (await instructor.locator("section[data-assessment-id]").filter({ has: instructor.locator(`tr[data-exercise-id="${EXERCISE}"]`) }).first().getAttribute("data-assessment-id")) ?? "";
    expect(assessmentId).toMatch(/^[0-9a-f-]{36}$/);

    // The matrix's own student, a classmate and a TA, by the roster import.
    const people = { student: `matrix-student-${suffix}@demo.local`, classmate: `matrix-classmate-${suffix}@demo.local`, ta: `matrix-ta-${suffix}@demo.local` };
    await instructor.goto(`/courses/${SLUG}/manage/roster`);
    const csv = `email,name\n${people.student},Matrix Student ${suffix}\n${people.classmate},Matrix Classmate ${suffix}\n${people.ta},Matrix TA ${suffix}\n`;
    await instructor.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await instructor.getByRole("button", { name: "Import roster" }).click();
    const passwords: Record<string, string> = {};
    for (const email of Object.values(people)) {
      passwords[email] = (await instructor.getByTestId("initial-passwords").getByRole("row").filter({ hasText: email }).locator(".secret").textContent()) ?? "";
      expect(passwords[email], email).toMatch(/^[A-Za-z0-9_-]{12}$/);
    }
    await instructor.reload();
    await instructor.getByLabel(`Role of Matrix TA ${suffix}`, { exact: true }).selectOption("ta");
    await instructor.getByRole("button", { name: `Change role of Matrix TA ${suffix}` }).click();
    await expect(instructor.locator(`tr[data-email="${people.ta}"] td[data-label="Role"]`)).toHaveText("TA");
    const userId = (await instructor.locator(`tr[data-email="${people.student}"]`).getAttribute("data-user-id")) ?? "";
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);

    // An instructor of another course, made the way an admin makes one.
    const adminContext = await browser.newContext();
    contexts.push(adminContext);
    const admin = await adminContext.newPage();
    await signIn(admin, "admin@demo.local");
    requests.admin = adminContext.request;
    await admin.goto("/admin");
    await createCourse(admin, { slug: `elsewhere-${suffix}`, title: `Elsewhere ${suffix}` });
    await expect(admin.getByRole("status")).toContainText("created");
    const otherEmail = `elsewhere-${suffix}@demo.local`;
    const otherPassword = await makeInstructor(admin, { course: `elsewhere-${suffix}`, email: otherEmail, name: "Elsewhere Instructor" });
    expect(otherPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);

    requests.student = await signedInRequest(browser, people.student, passwords[people.student]);
    requests.ta = await signedInRequest(browser, people.ta, passwords[people.ta]);
    requests.otherInstructor = await signedInRequest(browser, otherEmail, otherPassword);
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    requests.anonymous = anonymous.request;
    const classmate = await signedInRequest(browser, people.classmate, passwords[people.classmate]);
    const classmatePage = await contexts.at(-1)!.newPage();

    // The student's own draft, and a classmate's submission (a Run, which counts against no attempt limit).
    const saved = await send(requests.student, "PUT", `/api/courses/${SLUG}/exercises/${EXERCISE}/draft`, { code: "// the matrix student's draft" });
    expect(saved.status(), await saved.text()).toBe(204);
    const created = await send(classmate, "POST", `/api/courses/${SLUG}/exercises/${EXERCISE}/submissions`, { code: "export {};", mode: "run" });
    expect(created.status(), await created.text()).toBe(202);
    const { id } = (await created.json()) as { id: string };
    // Graded before the matrix starts, so that the exports it compares do not change under it.
    await expect
      .poll(async () => ((await (await classmate.get(`/api/submissions/${id}`)).json()) as { status: string }).status, { timeout: 90_000 })
      .toMatch(/graded|error/);

    // A regrade request of the classmate's, asked the way a student asks: on a graded Submit, from its exercise page.
    const submitted = await send(classmate, "POST", `/api/courses/${SLUG}/exercises/${EXERCISE}/submissions`, { code: "export {};", mode: "submit" });
    expect(submitted.status(), await submitted.text()).toBe(202);
    const submitId = ((await submitted.json()) as { id: string }).id;
    await expect
      .poll(async () => ((await (await classmate.get(`/api/submissions/${submitId}`)).json()) as { status: string }).status, { timeout: 90_000 })
      .toBe("graded");
    await classmatePage.goto(`/courses/${SLUG}/exercises/${EXERCISE}`);
    await classmatePage.getByText("Ask for a review").first().click();
    await classmatePage.getByLabel("Your message to the course staff").first().fill("The access matrix asks for a review.");
    await classmatePage.getByRole("button", { name: "Send request" }).first().click();
    await expect(classmatePage.getByText("Review requested").first()).toBeVisible();
    await instructor.goto(`/courses/${SLUG}/manage/regrade-requests?student=${encodeURIComponent(people.classmate)}`);
    const requestId = (await instructor.locator("tr[data-request-id]").first().getAttribute("data-request-id")) ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    values = { slug: SLUG, exerciseId: EXERCISE, assignmentId, assessmentId, userId, id, requestId, a: id, b: id, nextauth: "session" };
  });

  test.afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  const pages = Object.entries(ROUTE_MATRIX).filter(([key]) => key.startsWith("PAGE "));
  const reads = Object.entries(ROUTE_MATRIX).filter(([key]) => !key.startsWith("PAGE ") && !STATE_CHANGING.has(key.split(" ")[0]!));
  const changes = Object.entries(ROUTE_MATRIX).filter(([key]) => STATE_CHANGING.has(key.split(" ")[0]!));

  test("each page answers each role as the matrix says", async () => {
    test.setTimeout(180_000);
    for (const [key, entry] of pages) {
      const url = urlOf(key.slice("PAGE ".length), values);
      for (const role of ROLES) await expectPage(role, url, entry);
    }
  });

  test("each read-only route answers each role as the matrix says", async () => {
    test.setTimeout(120_000);
    for (const [key, entry] of reads) {
      const [method, pattern] = key.split(" ") as [string, string];
      const url = urlOf(pattern, values);
      for (const role of ROLES) {
        const response = await send(requests[role], method, url, undefined);
        expect.soft(response.status(), `${role} ${method} ${url}`).toBe(entry.answers[role]);
      }
    }
  });

  test("each state-changing route refuses the roles the matrix refuses, changing nothing, and lets the others past its role check", async () => {
    test.setTimeout(180_000);
    for (const [key, entry] of changes) {
      const [method, pattern] = key.split(" ") as [string, string];
      const url = urlOf(pattern, values);
      for (const role of ROLES) {
        const expected = entry.answers[role];
        const refused = expected === 401 || expected === 403 || expected === 404;
        const before = refused ? await observe(role) : [];
        const response = await send(requests[role], method, url, refused ? entry.refusedBody : entry.allowedBody);
        expect.soft(response.status(), `${role} ${method} ${url}: ${await response.text()}`).toBe(expected);
        if (refused) expect.soft(await observe(role), `${role} ${method} ${url} changed what the course's people read`).toEqual(before);
      }
    }
  });

  test("each state-changing route refuses a request from another origin or with none, before its role check", async () => {
    // The LTI endpoints are posted to by the LMS, from its own origin: the state bound to the browser (and
    // the signed id_token) is what protects them, tested in tests/integration/lti/launch.test.ts.
    for (const [key, entry] of changes.filter(([k]) => !k.includes("/api/auth/") && !k.includes(" /lti/"))) {
      const [method, pattern] = key.split(" ") as [string, string];
      const url = urlOf(pattern, values);
      // The role the matrix lets furthest: the course's instructor, or its student for the student routes.
      const role = ROLES.find((r) => r !== "anonymous" && ![401, 403, 404].includes(entry.answers[r] as number))!;
      for (const headers of [{ origin: "http://evil.example" }, {} as Record<string, string>]) {
        const response = await send(requests[role], method, url, entry.allowedBody, headers);
        expect.soft(response.status(), `${role} ${method} ${url} with origin ${headers.origin ?? "(none)"}`).toBe(403);
      }
    }
  });
});

async function expectPage(role: Role, url: string, entry: MatrixEntry) {
  const expected = entry.answers[role];
  const response = await requests[role].get(url, { maxRedirects: 0 });
  const who = `${role} opening ${url}`;
  if (expected === "signin" || expected === "home") {
    expect.soft([302, 303, 307, 308], who).toContain(response.status());
    const location = new URL(response.headers()["location"] ?? "", origin);
    if (expected === "home") {
      expect.soft(location.pathname, who).toBe("/");
      return;
    }
    expect.soft(location.pathname, who).toBe("/signin");
    // Back to the page, or to the area whose layout asked for the sign-in (/courses/keras/manage for its pages).
    const back = location.searchParams.get("callbackUrl") ?? "";
    expect.soft(back.startsWith("/") && `${new URL(url, origin).pathname}/`.startsWith(`${back.replace(/\/$/, "")}/`), `${who}: back to ${back}`).toBe(true);
    return;
  }
  expect.soft(response.status(), who).toBe(expected);
  const html = await response.text();
  if (expected === 404) {
    // Booleans, not the page in the message: a streamed page is tens of KB.
    expect.soft(html.includes(NOT_FOUND_TEXT), `${who} shows the not-found page`).toBe(true);
    expect.soft(INSTRUCTOR_AREA.test(html), `${who} shows nothing of the instructor area`).toBe(false);
  } else if (entry.shows !== undefined) {
    expect.soft(entry.shows.test(html), `${who} shows ${entry.shows}`).toBe(true);
  }
}
