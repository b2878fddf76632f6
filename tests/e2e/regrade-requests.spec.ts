import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedInPage, submitAndWait } from "./support";

/**
 * Issue 18's regrade request, end to end: a student Submits, asks for a review from the exercise page;
 * the instructor finds it in the queue (its count beside the instructor area's link), resolves it with a
 * new score; the gradebook page and its CSV count the new score, and the student reads the answer.
 */

const COURSE = "keras";
// A code exercise no other spec submits to; the student is new, so that no other spec's attempts mix in.
const EXERCISE = "min-max-scaling";
const EXERCISE_TITLE = "Min-max scaling";
const POINTS = 10;
const NEW_SCORE = 90;

/** A new student of the course, by the roster import; signs them in (choosing a password) and returns their page. */
async function newStudent(browser: Browser, instructor: Page, name: string, email: string): Promise<Page> {
  await instructor.goto(`/courses/${COURSE}/manage/roster`);
  await instructor.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${email},${name}\n`) });
  await instructor.getByRole("button", { name: "Import roster" }).click();
  const password = (await instructor.getByTestId("initial-passwords").getByRole("row").filter({ hasText: email }).locator(".secret").textContent()) ?? "";
  expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);
  return signedInPage(browser, email, { password });
}

/** RFC 4180 rows: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") endField();
    else if (char === "\n") {
      endField();
      rows.push(row);
      row = [];
    } else if (char !== "\r") field += char;
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The gradebook CSV as the instructor downloads it: its header and the row of `email`. */
async function gradebookCsvRow(instructor: Page, email: string): Promise<Record<string, string>> {
  const response = await instructor.request.get(`/api/courses/${COURSE}/export/gradebook`);
  expect(response.status()).toBe(200);
  const [header, ...rows] = parseCsv(await response.text());
  const row = rows.find((cells) => cells[0] === email);
  expect(row, `a gradebook row for ${email}`).toBeDefined();
  return Object.fromEntries(header!.map((name, index) => [name, row![index] ?? ""]));
}

/** The gradebook page's cell (by exercise) of `email` in the exercise's column. */
async function gradebookCell(instructor: Page, email: string) {
  await instructor.goto(`/courses/${COURSE}/manage/gradebook?view=exercises`);
  const headers = await instructor.getByTestId("gradebook").locator("thead th").allTextContents();
  const column = headers.findIndex((text) => text.trim() === `${EXERCISE} (${POINTS})`);
  expect(column, `a column for ${EXERCISE} among ${headers.join(" | ")}`).toBeGreaterThan(0);
  return instructor.locator(`tr[data-email="${email}"] > *`).nth(column);
}

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const email = `regrade-${suffix}@demo.local`;
const name = `Regrade Student ${suffix}`;
const message = "Test 2 scales an all-equal column: my answer of zeros should count.";
const response = "You are right: the hidden test expected NaN there. Fixed by hand.";
let instructor: Page;
let student: Page;
let before = 0;

test.beforeAll(async ({ browser }) => {
  instructor = await signedInPage(browser, "instructor@demo.local");
  student = await newStudent(browser, instructor, name, email);
});

test("a student asks for a review of a graded Submit; the instructor resolves it with a new score", async () => {
  test.setTimeout(180_000);
  await student.goto(`/courses/${COURSE}/exercises/${EXERCISE}`);
  await submitAndWait(student, "Submit");
  await student.reload();
  const attempt = student.locator(".history tbody tr").first();
  const score = await attempt.locator('td[data-label="Score"]').innerText();
  expect(score).toMatch(/^\d+ %$/);
  before = Number(score.replace(" %", ""));
  expect(before).toBeLessThan(NEW_SCORE);

  // The request, from the attempt's row.
  await attempt.getByText("Ask for a review", { exact: true }).click();
  await attempt.getByLabel("Your message to the course staff").fill(message);
  await attempt.getByRole("button", { name: "Send request" }).click();
  await expect(attempt.getByText(/^Review requested/)).toBeVisible({ timeout: 30_000 });
  await student.reload();
  const requested = student.locator(".history tbody tr").first();
  await expect(requested.getByTestId("regrade-review")).toContainText("Review requested on");
  // One open request per Submit: no second "Ask for a review" on it.
  await expect(requested.getByText("Ask for a review", { exact: true })).toHaveCount(0);

  // The instructor: the open count beside the link, the queue narrowed to the student, the request.
  await instructor.goto(`/courses/${COURSE}/manage`);
  const link = instructor.getByRole("navigation", { name: "Instructor area" }).getByRole("link", { name: /^Regrade requests/ });
  await expect(link).toHaveAccessibleName(/^Regrade requests \d+ open$/);
  await link.click();
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText("Regrade requests");
  await instructor.getByLabel("Student").fill(email);
  await instructor.getByLabel("Exercise").selectOption({ label: EXERCISE_TITLE });
  await instructor.getByRole("button", { name: "Filter" }).click();
  await expect(instructor).toHaveURL(new RegExp(`student=${encodeURIComponent(email).replace(/\./g, "\\.")}`));
  await expect(instructor.getByTestId("queue-count")).toHaveText("Open requests (1)");
  const row = instructor.getByTestId("regrade-queue").locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  await expect(row).toContainText(`${before} %`);
  await row.getByRole("link", { name: /^Answer/ }).click();
  await expect(instructor.getByTestId("request-message")).toHaveText(message);
  await expect(instructor.getByTestId("submission-score")).toContainText(`grader's score ${before} %`);

  // Refused first: a response is required (the browser's own check is what stops an empty one; a blank one
  // of spaces reaches the server).
  await instructor.getByLabel("Response").fill("   ");
  await instructor.getByLabel("New score (%)").fill(String(NEW_SCORE));
  await instructor.getByRole("button", { name: "Resolve" }).click();
  await expect(instructor.getByRole("alert").filter({ hasText: "Response: give the student an answer" })).toBeVisible();
  await expect(instructor.getByLabel("New score (%)")).toHaveValue(String(NEW_SCORE));
  await instructor.getByLabel("Response").fill(response);
  await instructor.getByRole("button", { name: "Resolve" }).click();
  // The page shows the answer in place of the form, and so after a reload.
  await expect(instructor.getByTestId("request-answer")).toBeVisible({ timeout: 30_000 });
  await instructor.reload();
  await expect(instructor.getByTestId("request-status")).toHaveText("resolved");
  await expect(instructor.getByTestId("request-answer")).toContainText(`Resolved by Ada Instructor on`);
  await expect(instructor.getByTestId("request-answer")).toContainText(`score ${before} % → ${NEW_SCORE} %.`);
  await expect(instructor.getByTestId("request-answer")).toContainText(response);
  await expect(instructor.getByTestId("submission-score")).toContainText(`counts as ${NEW_SCORE} % (set by staff)`);
  await expect(instructor.getByRole("button", { name: "Resolve" })).toHaveCount(0);

  // No longer among the open ones; among the resolved ones with both scores.
  await instructor.goto(`/courses/${COURSE}/manage/regrade-requests?student=${encodeURIComponent(email)}`);
  await expect(instructor.getByTestId("queue-count")).toHaveText("Open requests (0)");
  await instructor.goto(`/courses/${COURSE}/manage/regrade-requests?status=resolved&student=${encodeURIComponent(email)}`);
  await expect(instructor.getByTestId("regrade-queue").locator("tbody tr")).toContainText(`${before} % → ${NEW_SCORE} %`);
});

test("the gradebook page and its CSV count the new score", async () => {
  const expected = String((POINTS * NEW_SCORE) / 100);
  await expect(await gradebookCell(instructor, email)).toContainText(expected);
  const csv = await gradebookCsvRow(instructor, email);
  expect(csv[`${EXERCISE} (${POINTS})`]).toBe(expected);
});

test("the student reads the answer on the exercise page", async () => {
  await student.goto(`/courses/${COURSE}/exercises/${EXERCISE}`);
  const review = student.locator(".history tbody tr").first().getByTestId("regrade-review");
  await expect(review).toContainText(/Reviewed by Ada Instructor on .+:/);
  await expect(review).toContainText(response);
  await expect(review).toContainText(`Score ${before} % → ${NEW_SCORE} %.`);
  await review.getByText("Your message", { exact: true }).click();
  await expect(review).toContainText(message);
  // Resolved: the student may ask again about this Submit.
  await expect(review.getByText("Ask for a review", { exact: true })).toBeVisible();
});

/**
 * The override's marking (helper O's part of issue 18, per the contract): the gradebook cell is marked as
 * overridden (a "✎" with the comment in a title or visually hidden text) and the CSV has a column
 * `overrides` naming the exercise, the points and who set them. Skipped until that column exists (run it
 * once the overrides branch is merged).
 */
test("the gradebook marks the score as overridden, and the CSV's overrides column names it", async () => {
  const csv = await gradebookCsvRow(instructor, email);
  test.skip(!("overrides" in csv), "needs the gradebook's override marking and CSV column (issue 18, overrides)");
  expect(csv.overrides).toContain(`${(POINTS * NEW_SCORE) / 100}/${POINTS}`);
  expect(csv.overrides).toContain("Ada Instructor");
  const cell = await gradebookCell(instructor, email);
  await expect(cell).toContainText("✎");
  // The student's own page counts it too, with the staff's adjustment said in words.
  await student.goto(`/courses/${COURSE}/exercises/${EXERCISE}`);
  await expect(student.getByTestId("counting-score")).toContainText(`${NEW_SCORE} %`);
  await expect(student.locator(".history")).toContainText("Score adjusted by staff");
});
