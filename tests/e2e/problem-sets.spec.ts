import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatDateTime } from "../../lib/courses/format-date";
import { fromZonedInput, toZonedInput } from "../../lib/courses/zoned-time";
import { createCourse, makeInstructor, saveScreenshot, signedInPage, signIn, signOut, submitThroughApi } from "./support";

/**
 * Issue 16's test: an instructor builds a three-exercise problem set in a weighted course, grants one
 * student a two-day extension; both students submit a day late; one gets the late penalty and the other
 * does not; changing the category weights changes the course grade on the student's page and in the
 * gradebook CSV, which always agree with each other and with the weighted formula.
 */

const ZONE = "Europe/Berlin";
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const PENALTY_PER_DAY = 20;
const PHONE = { width: 390, height: 844 };
const solution = (id: string) => readFileSync(path.resolve(import.meta.dirname, `../../exercises/${id}/solution.ts`), "utf8");

/** A datetime-local value `ms` from now on the course's clock, and the instant it stands for (minutes only). */
function zoned(ms: number) {
  const local = toZonedInput(new Date(Date.now() + ms), ZONE);
  return { local, at: fromZonedInput(local, ZONE) };
}

/** RFC 4180 rows (the export quotes only where needed), without the byte-order mark. */
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
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      rows.push([...row, field.replace(/\r$/, "")]);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** One student's row of the gradebook CSV, by column header. */
async function gradebookRow(request: APIRequestContext, slug: string, email: string): Promise<Record<string, string>> {
  const response = await request.get(`/api/courses/${slug}/export/gradebook`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const [header, ...rows] = parseCsv(await response.text());
  const row = rows.find((cells) => cells[0] === email.toLowerCase());
  expect(row, `a row for ${email}`).toBeDefined();
  return Object.fromEntries(header!.map((name, index) => [name, row![index]!]));
}

/** "66.67 %" → 66.67. */
const percentOf = (text: string | null) => {
  const match = /(-?\d+(?:\.\d+)?) %/.exec(text ?? "");
  expect(match, `a percentage in "${text}"`).not.toBeNull();
  return Number(match![1]);
};

/** What the student's grades page shows: the course grade and each category's percentage (null: nothing counts yet). */
async function readGrades(page: Page, slug: string) {
  await page.goto(`/courses/${slug}/grades`);
  await expect(page.getByRole("heading", { name: "Your grades", level: 1 })).toBeVisible();
  const course = percentOf(await page.getByTestId("course-grade").textContent());
  const categories: Record<string, number | null> = {};
  for (const row of await page.getByTestId("grade-categories").locator("tbody tr").all()) {
    const name = (await row.locator("th").textContent())!.trim();
    const percent = (await row.locator("td").nth(2).textContent())!.trim();
    categories[name] = percent === "nothing counts yet" ? null : percentOf(percent);
  }
  return { course, categories };
}

/** The course grade by the rule: Σ weight·category % / Σ weight over the categories where something counts. */
function weighted(categories: Record<string, number | null>, weights: Record<string, number>): number {
  const inPlay = Object.entries(categories).filter(([, percent]) => percent !== null) as Array<[string, number]>;
  const total = inPlay.reduce((sum, [name]) => sum + weights[name]!, 0);
  return inPlay.reduce((sum, [name, percent]) => sum + weights[name]! * percent, 0) / total;
}

/** Equal to the cent the page and the CSV round to (the formula reads percentages already rounded). */
const expectClose = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.011);

async function addExercise(page: Page, title: string, position: number) {
  await page.getByLabel("Search by title").fill(title);
  await page.getByRole("button", { name: `Add ${title}`, exact: true }).click();
  await expect(page.locator(".picker-status")).toContainText(`${title} added as exercise ${position} of ${position}.`);
}

async function setWeight(page: Page, slug: string, category: string, weight: number) {
  await page.goto(`/courses/${slug}/manage/grading`);
  await page.getByLabel(`Weight of ${category}`, { exact: true }).fill(String(weight));
  await page.getByRole("button", { name: `Save ${category}`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `"${category}" saved.` })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Weight of ${category}`, { exact: true })).toHaveValue(String(weight));
}

const suffix = Date.now().toString(36);
const slug = `ps-${suffix}`;
const instructor = { email: `ps-prof-${suffix}@demo.local`, name: `Prof Sets ${suffix}` };
const ana = { email: `ps-ana-${suffix}@demo.local`, name: `Ana Extended ${suffix}`, password: "" };
const ben = { email: `ps-ben-${suffix}@demo.local`, name: `Ben Late ${suffix}`, password: "" };
const SET_TITLE = "Homework 3: optimizers";
const QUIZ_TITLE = "Quiz 1: momentum";
const SET_EXERCISES = [
  { id: "adam", title: "Adam" },
  { id: "rmsprop", title: "RMSProp" },
  { id: "adagrad", title: "Adagrad" },
];

test("a problem set with a two-day extension: one student late with the penalty, one not; category weights move the course grade on the grades page and in the CSV alike", async ({ page, browser }, testInfo) => {
  test.setTimeout(480_000);
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  // Due 23 hours ago: a submission now is within its first started day late (a full 24 hours and a few
  // minutes would be two started days). The cut-off is in five days; the extension moves the due date by two.
  const due = zoned(-23 * HOUR_MS);
  const cutoff = zoned(5 * DAY_MS);
  const extended = { local: toZonedInput(new Date(due.at.getTime() + 2 * DAY_MS), ZONE), at: new Date(due.at.getTime() + 2 * DAY_MS) };
  const quizDue = zoned(7 * DAY_MS);
  let setId = "";
  let quizId = "";
  const points: Record<string, number> = {};
  let gradeAtFiftyFifty = 0;

  await test.step("the admin makes a Berlin course and its instructor", async () => {
    await signIn(page, "admin@demo.local");
    await page.goto("/admin");
    await createCourse(page, { slug, title: `Problem sets ${suffix}`, timeZone: ZONE });
    await expect(page.getByRole("status")).toContainText(`/courses/${slug}`);
    const password = await makeInstructor(page, { course: slug, ...instructor });
    await signOut(page);
    await signIn(page, instructor.email, { password });
  });

  await test.step("the instructor imports two students; each gets a one-time password", async () => {
    await page.goto(`/courses/${slug}/manage/roster`);
    const csv = ["email,name", `${ana.email},${ana.name}`, `${ben.email},${ben.name}`].join("\r\n");
    await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import roster" }).click();
    const passwords = page.getByTestId("import-report").getByTestId("initial-passwords");
    for (const student of [ana, ben]) {
      student.password = (await passwords.getByRole("row").filter({ hasText: student.email }).locator(".secret").textContent()) ?? "";
      expect(student.password).not.toBe("");
    }
  });

  await test.step("two grade categories, 50 and 50", async () => {
    await page.goto(`/courses/${slug}/manage/grading`);
    for (const name of ["Homework", "Quizzes"]) {
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("Weight", { exact: true }).fill("50");
      await page.getByRole("button", { name: "Add category" }).click();
      await expect(page.getByRole("status").filter({ hasText: `Category "${name}" added.` })).toBeVisible();
    }
    await expect(page.getByTestId("categories").locator("tbody th")).toHaveCount(2);
    // A refused name keeps what was typed (React resets a form after its action; the form shows the typed values again).
    await page.getByLabel("Name", { exact: true }).fill("homework");
    await page.getByLabel("Weight", { exact: true }).fill("7");
    await page.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByRole("alert").filter({ hasText: 'already has a category named "homework"' })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("homework");
    await expect(page.getByLabel("Weight", { exact: true })).toHaveValue("7");
    await expect(page.getByTestId("categories").locator("tbody th")).toHaveCount(2);
    await expect(page.getByLabel("Weight of Homework", { exact: true })).toHaveValue("50");
    await expect(page.getByLabel("Weight of Quizzes", { exact: true })).toHaveValue("50");
  });

  await test.step("the problem set: due yesterday, 20 % per started day late until a cut-off, three exercises from the picker", async () => {
    await page.goto(`/courses/${slug}/manage/assessments/new`);
    await page.getByLabel("Title", { exact: true }).fill(SET_TITLE);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Homework" });
    await page.getByLabel("Due", { exact: true }).fill(due.local);
    await page.getByLabel("Late policy", { exact: true }).selectOption("penalty");
    await page.getByLabel("Penalty per day (%)", { exact: true }).fill(String(PENALTY_PER_DAY));
    await page.getByLabel("Late cut-off", { exact: true }).fill(cutoff.local);
    await page.getByRole("button", { name: "Create assessment" }).click();
    await page.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
    setId = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { name: SET_TITLE, level: 1 })).toBeVisible();

    for (const [index, { title }] of SET_EXERCISES.entries()) await addExercise(page, title, index + 1);
    // Adam weighs more than the catalogue's default: the points are saved with the form.
    const adamPoints = Number(await page.getByLabel("Points for Adam", { exact: true }).inputValue()) + 5;
    await page.getByLabel("Points for Adam", { exact: true }).fill(String(adamPoints));
    await page.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByTestId("assessment-saved")).toContainText("Saved");

    await page.reload();
    await expect(page.getByTestId("assessment-items").locator(".item-title")).toHaveText(SET_EXERCISES.map(({ title }) => title));
    await expect(page.getByLabel("Due", { exact: true })).toHaveValue(due.local);
    await expect(page.getByLabel("Late cut-off", { exact: true })).toHaveValue(cutoff.local);
    await expect(page.getByLabel("Late policy", { exact: true })).toHaveValue("penalty");
    await expect(page.getByLabel("Category", { exact: true }).locator("option:checked")).toHaveText("Homework");
    for (const { title } of SET_EXERCISES) points[title] = Number(await page.getByLabel(`Points for ${title}`, { exact: true }).inputValue());
    expect(points.Adam).toBe(adamPoints);
    await page.setViewportSize(PHONE);
    await saveScreenshot(page, testInfo, "problem set builder 390");
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step("a one-exercise quiz in Quizzes, due next week", async () => {
    await page.goto(`/courses/${slug}/manage/assessments/new`);
    await page.getByLabel("Title", { exact: true }).fill(QUIZ_TITLE);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Quizzes" });
    await page.getByLabel("Due", { exact: true }).fill(quizDue.local);
    await page.getByRole("button", { name: "Create assessment" }).click();
    await page.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
    quizId = page.url().split("/").pop()!;
    await addExercise(page, "SGD with momentum", 1);
    await page.reload();
    await expect(page.getByTestId("assessment-items").locator(".item-title")).toHaveText(["SGD with momentum"]);
  });

  await test.step("Ana gets a two-day extension on the problem set, and the audit log says so", async () => {
    await page.goto(`/courses/${slug}/manage/accommodations`);
    const form = page.locator("#grant");
    await form.getByLabel("Student or group").selectOption({ label: `${ana.name} (${ana.email.toLowerCase()})` });
    await form.getByLabel("Assessment").selectOption(setId);
    await form.getByLabel("Extended due date").fill(extended.local);
    await form.getByRole("button", { name: "Grant", exact: true }).click();
    const summary = `${ana.name}: due ${extended.local.replace("T", " ")} on ${SET_TITLE}`;
    await expect(form.getByRole("status")).toHaveText(`Granted: ${summary}.`);
    const entry = page.getByTestId("accommodation-audit").locator("tbody tr").filter({ hasText: summary });
    await expect(entry).toHaveCount(1);
    await expect(entry.locator('td[data-label="By"]')).toHaveText(instructor.name);
  });

  const anaPage = await signedInPage(browser, ana.email, { password: ana.password });
  const benPage = await signedInPage(browser, ben.email, { password: ben.password });

  await test.step("both submit Adam's reference solution a day late: Ana, within her extension, keeps it all; Ben loses a started day's penalty", async () => {
    // Ana's extension is shown to her on the assessment page, due tomorrow.
    await anaPage.goto(`/courses/${slug}/assessments/${setId}`);
    await expect(anaPage.getByRole("heading", { name: SET_TITLE, level: 1 })).toBeVisible();
    await expect(anaPage.locator("main")).toContainText(formatDateTime(extended.at, ZONE));

    const factors: Record<string, number> = {};
    for (const [student, studentPage, dueAt] of [
      [ana, anaPage, extended.at],
      [ben, benPage, due.at],
    ] as const) {
      const graded = await submitThroughApi(studentPage.request, origin, { exercise: "adam", code: solution("adam"), course: slug });
      expect(graded.status).toBe("graded");
      expect(graded.score).toBe(1);
      // 20 % per started day after the student's own due date.
      const startedDays = Math.max(0, Math.ceil((Date.now() - dueAt.getTime()) / DAY_MS));
      factors[student.email] = Math.max(0, 1 - (startedDays * PENALTY_PER_DAY) / 100);
    }
    expect(factors[ana.email]).toBe(1);
    expect(factors[ben.email]).toBe(1 - PENALTY_PER_DAY / 100);

    for (const [student, studentPage] of [
      [ana, anaPage],
      [ben, benPage],
    ] as const) {
      const percent = Math.round(factors[student.email]! * 100);
      await studentPage.goto(`/courses/${slug}/exercises/adam`);
      await expect(studentPage.getByTestId("counting-score")).toContainText(`Your score that counts: ${percent} %`);
      // The exercise page words the student's own rules: Ana's date is hers; Ben's late work loses the penalty.
      if (student === ana) await expect(studentPage.getByTestId("extended")).toContainText(`extended for you (the course's due date: ${formatDateTime(due.at, ZONE)})`);
      else await expect(studentPage.getByTestId("late-rule")).toContainText(`Late work loses ${PENALTY_PER_DAY} % per started day until ${formatDateTime(cutoff.at, ZONE)}.`);
      await expect(studentPage.locator(".history tbody tr").first().locator('td[data-label="Counts as"]')).toHaveText(`${percent} %`);
      await studentPage.goto(`/courses/${slug}/assessments/${setId}`);
      const adam = studentPage.locator('tr[data-exercise-id="adam"]');
      await expect(adam.locator('td[data-label="Best score"]')).toHaveText(`${percent} %`);
      await expect(adam.locator('td[data-label="Points"]')).toHaveText(`${Math.round(points.Adam! * factors[student.email]! * 100) / 100} / ${points.Adam}`);
    }

    // Ben also takes the quiz, on time: both categories count for him.
    const quiz = await submitThroughApi(benPage.request, origin, { exercise: "sgd-momentum", code: solution("sgd-momentum"), course: slug });
    expect(quiz.score).toBe(1);
    await benPage.goto(`/courses/${slug}/assessments/${quizId}`);
    await expect(benPage.locator('tr[data-exercise-id="sgd-momentum"] td[data-label="Best score"]')).toHaveText("100 %");
  });

  const possible = () => Object.values(points).reduce((sum, value) => sum + value, 0);

  await test.step("at 50/50, Ben's grades page and the CSV agree on his course grade, by the weighted formula", async () => {
    const grades = await readGrades(benPage, slug);
    expectClose(grades.categories.Homework!, (100 * points.Adam! * (1 - PENALTY_PER_DAY / 100)) / possible(), "Ben's homework");
    expect(grades.categories.Quizzes).toBe(100);
    expectClose(grades.course, weighted(grades.categories, { Homework: 50, Quizzes: 50 }), "Ben's course grade at 50/50");
    const row = await gradebookRow(page.request, slug, ben.email);
    expect(Number(row["course grade (%)"])).toBe(grades.course);
    expect(Number(row["Homework (category %)"])).toBe(grades.categories.Homework);

    // Ana's homework has no penalty; her quiz does not count yet, so her grade is her homework alone.
    const anaGrades = await readGrades(anaPage, slug);
    expectClose(anaGrades.categories.Homework!, (100 * points.Adam!) / possible(), "Ana's homework");
    expect(anaGrades.categories.Quizzes).toBeNull();
    expect(anaGrades.course).toBe(anaGrades.categories.Homework);
    expect(Number((await gradebookRow(page.request, slug, ana.email))["course grade (%)"])).toBe(anaGrades.course);
    gradeAtFiftyFifty = grades.course;
  });

  await test.step("at 80/20 the course grade changes, the same on the grades page and in the CSV", async () => {
    await setWeight(page, slug, "Homework", 80);
    await setWeight(page, slug, "Quizzes", 20);
    await expect(page.getByTestId("categories").locator("tbody tr").filter({ hasText: "Homework" })).toContainText("80 %");

    const grades = await readGrades(benPage, slug);
    expect(grades.course).not.toBe(gradeAtFiftyFifty);
    expectClose(grades.course, weighted(grades.categories, { Homework: 80, Quizzes: 20 }), "Ben's course grade at 80/20");
    await expect(benPage.getByTestId("grade-explanation")).toContainText(`(80 × ${grades.categories.Homework!.toFixed(2)} % + 20 × 100.00 %) ÷ (80 + 20)`);
    const row = await gradebookRow(page.request, slug, ben.email);
    expect(Number(row["course grade (%)"])).toBe(grades.course);

    await benPage.setViewportSize(PHONE);
    await benPage.reload();
    await expect(benPage.getByTestId("course-grade")).toBeVisible();
    await saveScreenshot(benPage, testInfo, "grades page 390");
  });

  await anaPage.context().close();
  await benPage.context().close();
});
