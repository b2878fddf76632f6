import { expect, test, type Page } from "@playwright/test";
import { formatDateTime } from "../../lib/courses/format-date";
import { fromZonedInput, toZonedInput } from "../../lib/courses/zoned-time";
import { createCourse, makeInstructor, saveScreenshot, signIn, signOut } from "./support";

/**
 * Dates in a Europe/Berlin course (items 11, 12 and 22 of issue 12): every date is printed in the course's
 * zone with a relative phrase where it helps, past deadlines are marked and never listed as "Due next",
 * and at 390 px the tables keep their column labels and display math scrolls instead of being clipped.
 */

const ZONE = "Europe/Berlin";
const DAY_MS = 24 * 3600 * 1000;
const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ZONED = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (CET|CEST)$/;

/** A datetime-local value `days` from now in the course's zone, and the instant it stands for. */
function zoned(days: number) {
  const local = toZonedInput(new Date(Date.now() + days * DAY_MS), ZONE);
  return { local, at: fromZonedInput(local, ZONE) };
}

async function assign(page: Page, slug: string, title: string, fields: Record<string, string>, latePolicy?: "none" | "penalty") {
  await page.goto(`/courses/${slug}/manage/assignments/new`);
  await page.getByRole("button", { name: `Assign ${title}`, exact: true }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  if (latePolicy) await page.getByLabel("Late policy").selectOption(latePolicy);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
}

const suffix = Date.now().toString(36);
const slug = `tz-${suffix}`;
const student = { email: `tz-ana-${suffix}@demo.local`, password: "" };
const opens = zoned(3);
const dueSoon = zoned(2);
const dueLate = zoned(-2);
const cutoff = zoned(5);
const dueClosed = zoned(-1);

test.describe.serial("dates in a Berlin course", () => {
  test("an instructor sets past and future dates; the student sees them in Berlin time, marked, with late work listed apart", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signIn(page, "admin@demo.local");
    await page.goto("/admin");
    await createCourse(page, { slug, title: `Berlin ${suffix}`, timeZone: ZONE });
    await expect(page.getByRole("status")).toContainText(`/courses/${slug}`);
    const profPassword = await makeInstructor(page, { course: slug, email: `tz-prof-${suffix}@demo.local`, name: "Prof Berlin" });
    await signOut(page);

    await signIn(page, `tz-prof-${suffix}@demo.local`, { password: profPassword });
    await page.goto(`/courses/${slug}/manage/roster`);
    const csv = ["email,name", `${student.email},Ana Berlin`].join("\r\n");
    await page.getByLabel("Roster CSV").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import roster" }).click();
    const passwords = page.getByTestId("import-report").getByTestId("initial-passwords");
    student.password = (await passwords.getByRole("row").filter({ hasText: student.email }).locator(".secret").textContent()) ?? "";
    expect(student.password).not.toBe("");

    // Adam opens in three days; Dropout is due in two; Batching was due two days ago and takes late work
    // with a 20 % penalty until its cut-off; Softmax was due yesterday and takes no late work.
    await assign(page, slug, "Adam", { Opens: opens.local, Due: zoned(10).local });
    await assign(page, slug, "Inverted dropout", { Due: dueSoon.local });
    await assign(page, slug, "Batches and steps per epoch", { Due: dueLate.local, "Penalty per day (%)": "20", "Late cut-off": cutoff.local }, "penalty");
    await assign(page, slug, "Softmax, row by row", { Due: dueClosed.local }, "none");
    await signOut(page);

    await signIn(page, student.email, { password: student.password });
    const card = page.getByTestId("course-card").filter({ hasText: `Berlin ${suffix}` });
    const dueNext = card.getByTestId("due-next");
    await expect(dueNext.locator("li")).toHaveText([`Inverted dropout — ${formatDateTime(dueSoon.at, ZONE)} (in 2 days)`]);
    await expect(dueNext).not.toContainText("Batches and steps");
    await expect(dueNext).not.toContainText("Softmax");
    await expect(card.getByTestId("overdue").locator("li")).toHaveText([
      `Batches and steps per epoch — was due ${formatDateTime(dueLate.at, ZONE)} (2 days ago); loses 20 % per started day`,
    ]);
    await expect(card).not.toContainText(ISO_DATE);
    await saveScreenshot(page, testInfo, "student home with due and overdue");

    await page.goto(`/courses/${slug}`);
    // Each assignment is an assessment of one exercise: its section says when it opens, is due, and whether it is late.
    const section = (id: string) => page.locator("section[data-assessment-id]").filter({ has: page.locator(`tr[data-exercise-id="${id}"]`) });
    await expect(section("adam").getByTestId("assessment-state")).toHaveText(`Opens ${formatDateTime(opens.at, ZONE)} (in 3 days)`);
    await expect(section("batching").getByTestId("late-marker")).toHaveText(
      `Past due — late work loses 20 % per started day until ${formatDateTime(cutoff.at, ZONE)}`,
    );
    await expect(section("batching").getByTestId("due")).toHaveText(`Due ${formatDateTime(dueLate.at, ZONE)} (2 days ago)`);
    await expect(section("softmax").getByTestId("late-marker")).toHaveText("Past due — closed");
    await expect(section("dropout").getByTestId("late-marker")).toHaveCount(0);
    // The course page's summaries list the same assessments by title.
    await expect(page.getByTestId("late-summary")).toContainText("Batches and steps per epoch");
    await expect(page.getByTestId("due-next-summary")).toContainText("Inverted dropout");
    await expect(page.getByTestId("due-next-summary")).not.toContainText("Softmax");
    await expect(page.locator("main")).not.toContainText(ISO_DATE);
    await expect(page.locator("main")).not.toContainText("GMT");
    await saveScreenshot(page, testInfo, "course page with past-due markers 1280");

    // The exercise page says when Adam opens, in Berlin time.
    await page.goto(`/courses/${slug}/exercises/adam`);
    await expect(page.getByText(`Opens ${formatDateTime(opens.at, ZONE)}.`)).toBeVisible();
    await expect(page.locator("main")).not.toContainText(ISO_DATE);

    // An attempt's time in the history is in the course's zone too, not a GMT string.
    const origin = new URL(page.url()).origin;
    const created = await page.request.post(`/api/courses/${slug}/exercises/dropout/submissions`, {
      data: { code: "export function dropout(x) { return x; }" },
      headers: { origin },
    });
    expect(created.status(), await created.text()).toBe(202);
    await page.goto(`/courses/${slug}/exercises/dropout`);
    const submitted = page.locator(".history time").first();
    const shown = (await submitted.textContent()) ?? "";
    expect(shown).toMatch(ZONED);
    expect(shown).toBe(formatDateTime(new Date((await submitted.getAttribute("datetime"))!), ZONE));
    await expect(page.locator(".history")).not.toContainText("GMT");
  });

  test("at 390 px the course page and the attempts table keep their labels, and long display math scrolls inside the prompt", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, student.email, { password: student.password });
    const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    /** Each cell of the table's first row shows its column's header as a label. */
    const labelsOf = (table: string) =>
      page.locator(table).first().evaluate((element) => {
        const headers = [...element.querySelectorAll("thead th")].map((th) => th.textContent?.trim());
        const cells = [...element.querySelectorAll("tbody tr:first-child td")].map((td) => {
          const before = getComputedStyle(td, "::before");
          return before.display === "none" ? null : before.content.replace(/^"|"$/g, "");
        });
        return { headers, cells };
      });

    expect(await noSidewaysScroll()).toBe(true);
    await saveScreenshot(page, testInfo, "student home 390");

    await page.goto(`/courses/${slug}`);
    const course = await labelsOf("table.assignments");
    expect(course.headers).toEqual(["Exercise", "Status", "Best score", "Attempts", "Points"]);
    expect(course.cells).toEqual(course.headers);
    expect(await noSidewaysScroll()).toBe(true);
    await saveScreenshot(page, testInfo, "course page 390");

    await page.goto(`/courses/${slug}/exercises/dropout`);
    const history = await labelsOf(".history table");
    expect(history.headers).toEqual(["Submitted", "Status", "Score", "Counts as", "What you sent", "Review"]);
    expect(history.cells).toEqual(history.headers);
    await saveScreenshot(page, testInfo, "attempts table 390");

    // Adam's prompt has display formulas wider than a phone: each scrolls on its own (in a focusable
    // box around the formula, so keyboard users can scroll it too), the page does not.
    await page.goto(`/courses/${slug}/exercises/adam`);
    const displays = page.locator(".prompt .math-scroll");
    await expect(displays.first().locator(".katex-display")).toBeVisible();
    await expect(displays.first()).toBeVisible();
    const boxes = await displays.evaluateAll((elements) =>
      elements.map((element) => ({
        overflowX: getComputedStyle(element).overflowX,
        wider: element.scrollWidth > element.clientWidth,
        right: element.getBoundingClientRect().right,
      })),
    );
    expect(boxes.some((box) => box.wider)).toBe(true);
    for (const box of boxes) {
      expect(box.overflowX).toBe("auto");
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(await noSidewaysScroll()).toBe(true);
    const wide = displays.nth(boxes.findIndex((box) => box.wider));
    await wide.evaluate((element) => element.scrollBy(1000, 0));
    expect(await wide.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await saveScreenshot(page, testInfo, "adam prompt 390");
  });
});
