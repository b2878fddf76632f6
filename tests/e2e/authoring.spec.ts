import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { createCourse, finalResult, makeInstructor, replaceCode, saveScreenshot, signedInPage } from "./support";

/**
 * Authoring in the app: an instructor copies a repository exercise, breaks and fixes a hidden test, publishes
 * and moves an assignment to the new version; writes a code exercise and a seeded quiz from nothing; and
 * another course's instructor finds none of it. Students then solve what was published.
 */

const COURSE = "/courses/keras";
const MANAGE = `${COURSE}/manage`;
const SUFFIX = Date.now().toString(36);
const SOFTMAX_SOLUTION = readFileSync(path.resolve(import.meta.dirname, "../../exercises/softmax/solution.ts"), "utf8");
const NOT_FOUND_TEXT = "There is nothing here, or it is not yours to see.";

test.describe.configure({ mode: "serial", timeout: 240_000 });

/** Replaces the text of the CodeMirror editor named `label`. */
async function fillEditor(page: Page, label: string, text: string) {
  const editor = page.getByRole("textbox", { name: label, exact: true });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  // CodeMirror may have added closing brackets while typing: the editor must hold exactly the text.
  await expect.poll(() => editor.evaluate((element) => Array.from(element.querySelectorAll(".cm-line"), (line) => line.textContent ?? "").join("\n").trim())).toBe(text.trim());
}

/** Presses Save and waits for the check panel to answer; returns it. */
async function saveAndCheck(page: Page, expected: "true" | "false"): Promise<Locator> {
  await page.getByRole("button", { name: "Save and check" }).click();
  await expect(page.getByTestId("unsaved")).toHaveText("All changes saved", { timeout: 120_000 });
  const panel = page.getByTestId("check-panel");
  await expect(panel).toHaveAttribute("data-ok", expected, { timeout: 120_000 });
  return panel;
}

async function publish(page: Page) {
  const button = page.getByRole("button", { name: "Publish", exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByRole("status").filter({ hasText: /Published version/ })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("versions")).toBeVisible();
}

/** The row of the tests table whose legend names `name`. */
const testRow = (page: Page, name: string) => page.getByTestId("test-row").filter({ has: page.locator("legend", { hasText: `: ${name}` }) });

async function assign(page: Page, title: string) {
  await page.goto(`${MANAGE}/assignments/new`);
  await page.getByRole("button", { name: `Assign ${title}`, exact: true }).click();
  // Assigning opens the new assignment's page.
  await page.waitForURL(/\/manage\/assignments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

async function studentPage(browser: Browser): Promise<Page> {
  return signedInPage(browser, "student1@demo.local");
}

test("an instructor copies softmax, breaks a hidden test and fixes it, publishes, moves the assignment, and a student is graded against the new version", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "instructor@demo.local");
  const title = `Softmax, our copy ${SUFFIX}`;
  await page.goto(`${MANAGE}/exercises`);
  await expect(page.getByRole("heading", { name: "Course exercises" })).toBeVisible();
  await page.getByRole("button", { name: "Copy Softmax, row by row to this course" }).click();
  await page.waitForURL(/\/manage\/exercises\/keras-softmax[^/]*\/edit$/);
  const editUrl = page.url();
  const id = editUrl.split("/").at(-2)!;

  // The copy as it came, under a title of its own: passes its check and is published as version 1.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await expect(page.getByTestId("prompt-preview").locator(".katex, p").first()).toBeVisible();
  await saveAndCheck(page, "true");
  await publish(page);
  const first = (await page.getByTestId("published-version").locator("code").innerText()).trim();
  await assign(page, title);

  // A hidden test now expects the wrong value: the check fails, says so, and Publish is off.
  await page.goto(editUrl);
  const single = testRow(page, "a single logit");
  await single.getByLabel(/^Expected value of test \d+/).fill("[[2]]");
  const failed = await saveAndCheck(page, "false");
  await expect(failed.locator("li.failed").first()).toBeVisible();
  await saveScreenshot(page, testInfo, "check failed");
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();

  // Fixed, and renamed so that the student's result shows which version graded it.
  await single.getByLabel(/^Expected value of test \d+/).fill("[[1]]");
  await single.getByLabel(/^Name of test \d+/).fill("a single logit, expected given");
  await saveAndCheck(page, "true");
  await publish(page);
  // The page shows the new version once it has refreshed.
  await expect(page.getByTestId("published-version").locator("code")).not.toHaveText(first);
  const second = (await page.getByTestId("published-version").locator("code").innerText()).trim();
  const archives: Record<string, Buffer> = {};
  for (const format of ["zip", "tar.gz"]) {
    const archive = await page.request.get(`/api/courses/keras/exercises/${id}/export?format=${format}`);
    expect(archive.status(), format).toBe(200);
    expect(archive.headers()["content-disposition"]).toContain(`filename="${id}.${format}"`);
    archives[format] = await archive.body();
  }

  // Import: a file that is no package is refused with its problems listed; the exported .tar.gz comes back as this exercise's draft.
  await page.goto(`${MANAGE}/exercises`);
  await page.getByLabel("Package to import (.zip or .tar.gz)").setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("not a zip file") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-problems").getByRole("listitem").first()).toBeVisible();
  await page.getByLabel("Package to import (.zip or .tar.gz)").setInputFiles({ name: `${id}.tar.gz`, mimeType: "application/gzip", buffer: archives["tar.gz"]! });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.waitForURL(editUrl);
  await expect(page.getByTestId("check-panel")).toHaveAttribute("data-ok", "true");

  // Try as a student: the reference solution scores full marks against the draft.
  await fillEditor(page, "Code to try against the draft", SOFTMAX_SOLUTION);
  await page.getByRole("button", { name: "Submit as a student" }).click();
  const tried = await finalResult(page, { timeout: 120_000 });
  await expect(tried.getByTestId("score")).toContainText("100 %");

  // The assignment is pinned to the first version: move it to the second, and the regrade is offered.
  await page.goto(`${MANAGE}/assignments`);
  await page.getByRole("link", { name: title, exact: true }).click();
  const move = page.getByTestId("version-move");
  await expect(move).toContainText(`Version ${first}`);
  await expect(move).toContainText(`newer version ${second} published`);
  await move.getByRole("button", { name: "Move to it" }).click();
  // Moving opens the regrade page: the existing offer to grade earlier submissions against the new version.
  await page.waitForURL(/\/regrade\?moved=1$/);
  await expect(page.getByRole("heading", { name: `Regrade: ${title}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "now uses the newest published version" })).toBeVisible();
  await page.goBack();
  await page.reload();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByTestId("version-move")).toHaveCount(0);

  const student = await studentPage(browser);
  await student.goto(`${COURSE}/exercises/${id}`);
  await expect(student.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await replaceCode(student, SOFTMAX_SOLUTION);
  await student.getByRole("button", { name: "Submit", exact: true }).click();
  const result = await finalResult(student, { timeout: 120_000 });
  await expect(result.getByTestId("score")).toContainText("100 %");
  await expect(result).toContainText("a single logit, expected given");
  await student.context().close();
  await page.context().close();
});

const DOT_PROMPT = "# Dot product\n\nWrite `dot(a, b)`: the sum of $a_i b_i$.\n";
const DOT_STARTER = "export function dot(a: number[], b: number[]): number {\n  return 0;\n}\n";
const DOT_SOLUTION = "export function dot(a: number[], b: number[]): number {\n  return a.reduce((sum, x, i) => sum + x * b[i], 0);\n}\n";
/** The student's own right answer, written differently from the reference (whose text must never reach them). */
const STUDENT_DOT = "export function dot(a: number[], b: number[]): number {\n  let total = 0;\n  for (let i = 0; i < a.length; i++) total += a[i] * b[i];\n  return total;\n}\n";
const DOT_CHECKS = "export function isWhole(actual: unknown, ctx: { expected: unknown }) {\n  return actual === ctx.expected ? true : `expected the whole number ${String(ctx.expected)}`;\n}\n";
const QUIZ_CHECKS =
  "export function sides(rng: { int(lo: number, hi: number): number }) {\n  return { a: rng.int(2, 9), b: rng.int(2, 9) };\n}\nexport function area(params: { a: number; b: number }) {\n  return params.a * params.b;\n}\n";

test("an instructor writes a code exercise and a seeded quiz from nothing, assigns both, and a student solves both", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "instructor@demo.local");
  const codeTitle = `Dot product ${SUFFIX}`;
  const quizTitle = `Rectangles ${SUFFIX}`;

  // The code exercise: prompt, starter, solution, three tests (one with a custom check in checks.ts).
  await page.goto(`${MANAGE}/exercises`);
  await page.getByLabel("Name of the new code exercise").fill(`dot-${SUFFIX}`);
  await page.getByRole("button", { name: "New code exercise" }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByLabel("Title", { exact: true }).fill(codeTitle);
  await page.getByLabel("Exports the student writes (comma-separated)").fill("dot");
  await fillEditor(page, "Prompt (prompt.md)", DOT_PROMPT);
  await expect(page.getByTestId("prompt-preview")).toContainText("the sum of");
  await fillEditor(page, "Starter (starter.ts)", DOT_STARTER);
  await fillEditor(page, "Reference solution (solution.ts)", DOT_SOLUTION);
  await fillEditor(page, "Custom checks (checks.ts)", DOT_CHECKS);
  // The template's tests go; three of our own come.
  while ((await page.getByTestId("test-row").count()) > 0) await page.getByRole("button", { name: /^Remove test 1$/ }).click();
  const tests = [
    { name: "example: two numbers", args: "[[1, 2], [3, 4]]", visible: true, compare: "close" },
    { name: "negative numbers", args: "[[-1, 2, -3], [4, -5, 6]]", visible: false, compare: "close" },
    { name: "whole numbers stay whole", args: "[[2, 3], [4, 5]]", visible: false, compare: "check" },
  ];
  for (const [index, t] of tests.entries()) {
    await page.getByRole("button", { name: "Add a test" }).click();
    const n = index + 1;
    await page.getByLabel(`Name of test ${n}`, { exact: true }).fill(t.name);
    await page.getByLabel(`Export called by test ${n}`, { exact: true }).fill("dot");
    await page.getByLabel(`Arguments of test ${n} (JSON array)`).fill("[[1, 2],");
    await expect(page.locator(`#${await page.getByLabel(`Arguments of test ${n} (JSON array)`).getAttribute("aria-describedby")}`)).toContainText("not JSON");
    await page.getByLabel(`Arguments of test ${n} (JSON array)`).fill(t.args);
    if (t.visible) await page.getByLabel(`Test ${n} is a visible example`).check();
    await page.getByRole("combobox", { name: new RegExp(`^Comparison of test ${n}\\b`) }).selectOption(t.compare);
    if (t.compare === "check") await page.getByLabel(`Check export of test ${n} (in checks.ts)`).fill("isWhole");
  }
  await saveAndCheck(page, "true");
  await publish(page);
  await saveScreenshot(page, testInfo, "code exercise published");

  // The quiz: one numeric question whose numbers are seeded per student by checks.ts.
  await page.goto(`${MANAGE}/exercises`);
  await page.getByLabel("Name of the new quiz").fill(`rect-${SUFFIX}`);
  await page.getByRole("button", { name: "New quiz" }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByLabel("Title", { exact: true }).fill(quizTitle);
  await page.getByRole("combobox", { name: /^Answer of question 1 is/ }).selectOption("numeric");
  await page.getByLabel("Prompt of question 1 (Markdown)").fill("What is the area of a {{a}} by {{b}} rectangle?");
  await page.getByLabel("Params export of question 1 (checks.ts, optional)").fill("sides");
  await page.getByLabel(/^Answer of question 1 \(a number/).fill("area");
  await page.getByLabel("Unit of question 1").fill("m²");
  await fillEditor(page, "Custom checks (checks.ts)", QUIZ_CHECKS);
  await saveAndCheck(page, "true");
  await publish(page);

  await assign(page, codeTitle);
  await assign(page, quizTitle);
  await page.context().close();

  const student = await studentPage(browser);
  await student.goto(COURSE);
  // The exercise's own link (its one-exercise assessment is titled after it and links to itself).
  await student.getByRole("link", { name: codeTitle }).and(student.locator('[href*="/exercises/"]')).click();
  await replaceCode(student, STUDENT_DOT);
  const submitted = student.waitForResponse((response) => response.request().method() === "POST" && /\/submissions$/.test(new URL(response.url()).pathname));
  await student.getByRole("button", { name: "Submit", exact: true }).click();
  const { id: submissionId } = (await (await submitted).json()) as { id: string };
  const result = await finalResult(student, { timeout: 120_000 });
  await expect(result.getByTestId("score")).toContainText("100 %");

  // What the student's browser receives of the course exercise (the page, its RSC payload, the API):
  // never the reference solution, checks.ts or the hidden tests' arguments.
  const exerciseUrl = new URL(student.url()).pathname;
  const apiUrl = `/api/submissions/${submissionId}`;
  const bodies = [
    await (await student.request.get(exerciseUrl)).text(),
    await (await student.request.get(exerciseUrl, { headers: { RSC: "1" } })).text(),
    await (await student.request.get(apiUrl)).text(),
  ];
  for (const body of bodies) {
    for (const secret of ["a.reduce((sum, x, i) => sum + x * b[i], 0)", "isWhole", "ctx.expected", "[-1, 2, -3]", "[-1,2,-3]"]) expect(body).not.toContain(secret);
  }

  await student.goto(COURSE);
  await student.getByRole("link", { name: quizTitle }).and(student.locator('[href*="/exercises/"]')).click();
  const question = student.locator("fieldset.question").first();
  const [, a, b] = /area of a (\d+) by (\d+) rectangle/.exec(await question.innerText()) ?? [];
  expect(a && b, "the student's numbers are in the prompt").toBeTruthy();
  await question.getByLabel("Your answer").fill(String(Number(a) * Number(b)));
  await student.getByRole("button", { name: "Submit answers" }).click();
  await expect(student.getByTestId("quiz-announcement")).toContainText("100", { timeout: 60_000 });
  await student.context().close();
});

test("another course's instructor finds no authoring page, export or editor of this course", async ({ browser }) => {
  const admin = await signedInPage(browser, "admin@demo.local");
  await admin.goto("/admin");
  await createCourse(admin, { slug: `author-elsewhere-${SUFFIX}`, title: `Elsewhere ${SUFFIX}` });
  await expect(admin.getByRole("status")).toContainText("created");
  const email = `author-elsewhere-${SUFFIX}@demo.local`;
  const password = await makeInstructor(admin, { course: `author-elsewhere-${SUFFIX}`, email, name: "Elsewhere Author" });
  await admin.context().close();

  const page = await signedInPage(browser, email, { password });
  const origin = new URL(page.url()).origin;
  for (const url of [`${MANAGE}/exercises`, `${MANAGE}/exercises/keras-softmax/edit`, `${MANAGE}/exercises/dot-${SUFFIX}/edit`, `${MANAGE}/assignments`]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByText(NOT_FOUND_TEXT)).toBeVisible();
  }
  for (const format of ["zip", "tar.gz"]) {
    const response = await page.request.get(`${origin}/api/courses/keras/exercises/keras-softmax/export?format=${format}`);
    expect(response.status()).toBe(404);
  }
  // Their own course's library: none of this course's exercises, and its editor does not open them either.
  await page.goto(`/courses/author-elsewhere-${SUFFIX}/manage/exercises`);
  await expect(page.getByRole("heading", { name: "Course exercises" })).toBeVisible();
  await expect(page.getByTestId("course-exercises")).toHaveCount(0);
  const foreign = await page.goto(`/courses/author-elsewhere-${SUFFIX}/manage/exercises/keras-softmax/edit`);
  expect(foreign?.status()).toBe(404);
  // The actions behind the editor answer not-found too: tests/integration/action-matrix.test.ts calls each as another course's instructor.
  await page.context().close();
});
