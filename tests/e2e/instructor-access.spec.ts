import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createCourse, makeInstructor, signedInPage, signIn } from "./support";

/**
 * Every instructor and admin page and every instructor route handler (under app/courses/[slug]/manage,
 * app/admin and app/api/courses/[slug]), found on disk, so that a page or route added later is covered
 * without touching this file. The student API routes (submissions, drafts) are left out: students are
 * meant to reach them.
 */
const APP = path.resolve("app");
const STUDENT_ROUTE_SEGMENTS = new Set(["submissions", "draft", "drafts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface Discovered {
  /** The route pattern, e.g. /courses/[slug]/manage/assignments/[assignmentId]. */
  pattern: string;
  /** For route handlers: the HTTP methods the file exports. */
  methods: string[];
}

function walk(dir: string, fileName: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full, fileName);
    return name === fileName ? [full] : [];
  });
}

function patternOf(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep);
  // Route groups "(name)" and private folders "_name" do not appear in URLs.
  return "/" + segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
}

function discover(): { pages: Discovered[]; routes: Discovered[] } {
  const pages = [...walk(path.join(APP, "courses/[slug]/manage"), "page.tsx"), ...walk(path.join(APP, "admin"), "page.tsx")]
    .filter((file) => !path.relative(APP, file).split(path.sep).some((segment) => segment.startsWith("_")))
    .map((file) => ({ pattern: patternOf(file), methods: ["GET"] }));
  const apiRoutes = walk(path.join(APP, "api/courses/[slug]"), "route.ts").filter(
    (file) => !path.relative(APP, file).split(path.sep).some((segment) => STUDENT_ROUTE_SEGMENTS.has(segment)),
  );
  const routes = [...apiRoutes, ...walk(path.join(APP, "courses/[slug]/manage"), "route.ts"), ...walk(path.join(APP, "admin"), "route.ts")].map((file) => {
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((method) => new RegExp(`export\\s+(?:async\\s+function|const|function)\\s+${method}\\b`).test(source));
    return { pattern: patternOf(file), methods };
  });
  return { pages, routes };
}

const { pages, routes } = discover();

interface Ids {
  assignmentId: string;
  userId: string;
}

/** Real ids of the demo course where a route names one; a random UUID (noted) where none is known. */
function urlOf(pattern: string, ids: Ids): { url: string; real: boolean } {
  let real = true;
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest, name: string) => {
    if (name === "slug") return "keras";
    if (name === "exerciseId") return "adam";
    if (name === "assignmentId") return ids.assignmentId;
    if (/^(user|student|member)Id$/.test(name)) return ids.userId;
    real = false;
    return randomUUID();
  });
  return { url, real };
}

async function expectNotFoundEverywhere(page: Page, request: APIRequestContext, ids: Ids, who: string) {
  const origin = new URL(page.url()).origin;
  for (const { pattern } of pages) {
    const { url } = urlOf(pattern, ids);
    const response = await page.goto(url);
    expect.soft(response?.status(), `${who} opening ${url}`).toBe(404);
    await expect.soft(page.getByRole("heading", { name: "Not found" }), `${who} sees the not-found page at ${url}`).toBeVisible();
    await expect.soft(page.locator("body"), `${who} at ${url}`).not.toContainText("Instructor area");
  }
  for (const { pattern, methods } of routes) {
    const { url } = urlOf(pattern, ids);
    for (const method of methods) {
      const response = await request.fetch(url, {
        method,
        headers: { origin, "content-type": "application/json" },
        data: method === "GET" ? undefined : "{}",
        maxRedirects: 0,
      });
      // Soft: every route that answers anything but not-found is listed, not only the first.
      expect.soft(response.status(), `${who} ${method} ${url}`).toBe(404);
    }
  }
}

let ids: Ids;
let otherInstructor: { email: string; password: string };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  const instructor = await signedInPage(browser, "instructor@demo.local");
  await instructor.goto("/courses/keras/manage/assignments");
  const href = await instructor.locator('tr[data-exercise-id="adam"] a[href*="/manage/assignments/"]').first().getAttribute("href");
  const assignmentId = href?.split("/").pop() ?? "";
  await instructor.goto("/courses/keras/manage/roster");
  const userId = (await instructor.locator('tr[data-email="student1@demo.local"]').getAttribute("data-user-id")) ?? "";
  expect(assignmentId).toMatch(/^[0-9a-f-]{36}$/);
  expect(userId).toMatch(/^[0-9a-f-]{36}$/);
  ids = { assignmentId, userId };
  await instructor.context().close();

  // An instructor of another course, made the way an admin makes one.
  const admin = await signedInPage(browser, "admin@demo.local");
  const suffix = Date.now().toString(36);
  await admin.goto("/admin");
  await createCourse(admin, { slug: `elsewhere-${suffix}`, title: `Elsewhere ${suffix}` });
  await expect(admin.getByRole("status")).toContainText("created");
  const email = `elsewhere-${suffix}@demo.local`;
  const password = await makeInstructor(admin, { course: `elsewhere-${suffix}`, email, name: "Elsewhere Instructor" });
  expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);
  otherInstructor = { email, password };
  await admin.context().close();
});

test("the routes under test were found on disk", () => {
  const patterns = pages.map((page) => page.pattern);
  expect(patterns).toEqual(
    expect.arrayContaining([
      "/courses/[slug]/manage",
      "/courses/[slug]/manage/roster",
      "/courses/[slug]/manage/assignments",
      "/courses/[slug]/manage/assignments/[assignmentId]",
      "/admin",
    ]),
  );
  for (const route of routes) expect(route.methods.length, `${route.pattern} exports a method this test can call`).toBeGreaterThan(0);
  test.info().annotations.push({ type: "routes", description: [...pages, ...routes].map((r) => `${r.methods.join(",")} ${r.pattern}`).join("\n") });
});

test("the demo instructor opens every instructor page; the admin pages are not theirs", async ({ page }) => {
  await signIn(page, "instructor@demo.local");
  for (const { pattern } of pages) {
    const { url, real } = urlOf(pattern, ids);
    const response = await page.goto(url);
    if (pattern.startsWith("/admin")) {
      expect(response?.status(), `instructor opening ${url}`).toBe(404);
    } else if (real) {
      expect(response?.status(), `instructor opening ${url}`).toBe(200);
      await expect(page.getByRole("navigation", { name: "Instructor area" })).toBeVisible();
    } else {
      test.info().annotations.push({ type: "no real id", description: `${pattern}: only the 404 checks apply` });
    }
  }
});

test("the site admin opens every admin page", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  for (const { pattern } of pages.filter((p) => p.pattern.startsWith("/admin"))) {
    const { url } = urlOf(pattern, ids);
    expect((await page.goto(url))?.status(), `admin opening ${url}`).toBe(200);
  }
});

test("a student of the course gets not-found for every instructor page and route", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "student1@demo.local");
  await expectNotFoundEverywhere(page, page.request, ids, "student1");
});

test("an instructor of another course gets not-found for every instructor page and route of this one", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, otherInstructor.email, { password: otherInstructor.password });
  await expectNotFoundEverywhere(page, page.request, ids, "the other course's instructor");
});
