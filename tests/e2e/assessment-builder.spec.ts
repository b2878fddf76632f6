import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, sidewaysScroll, signIn } from "./support";

/**
 * The instructor side of assessments: a three-exercise problem set built from the catalogue, its exercises
 * reordered by keyboard (focus stays on the moved exercise's button, the move is announced), saved, and
 * shown exactly so after a reload; the list, the dashboard by assessment, and every page at phone width.
 */
const COURSE = "/courses/keras";
const MANAGE = `${COURSE}/manage`;
const PHONE = { width: 390, height: 844 };

/** The form's values as a person types them (the demo course is in UTC). */
const FORM = {
  Opens: "2031-03-02T09:00",
  Due: "2031-03-09T17:00",
  "Attempt limit": "3",
  "Penalty per day (%)": "10",
  "Late cut-off": "2031-03-12T17:00",
  "Time limit (minutes)": "",
} as const;

const items = (page: Page) => page.getByTestId("assessment-items").locator(".item-title");

async function addExercise(page: Page, title: string, position: number, count: number) {
  await page.getByLabel("Search by title").fill(title);
  await page.getByRole("button", { name: `Add ${title}`, exact: true }).click();
  await expect(page.locator(".picker-status")).toContainText(`${title} added as exercise ${position} of ${count}.`);
  await expect(page.locator(".picker-row").filter({ has: page.getByText(title, { exact: true }) }).getByTestId("in-assessment")).toBeVisible();
}

async function expectSaved(page: Page, title: string, order: string[], points: Record<string, string>) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Category", { exact: true }).locator("option:checked")).toHaveText("Homework");
  for (const [label, value] of Object.entries(FORM)) await expect(page.getByLabel(label, { exact: true }), label).toHaveValue(value);
  await expect(page.getByLabel("Late policy", { exact: true })).toHaveValue("penalty");
  await expect(page.getByLabel("Quiz explanations", { exact: true })).toHaveValue("after_close");
  await expect(items(page)).toHaveText(order);
  for (const [exercise, value] of Object.entries(points)) await expect(page.getByLabel(`Points for ${exercise}`, { exact: true })).toHaveValue(value);
}

test("an instructor builds a three-exercise problem set, reorders it by keyboard, saves, and a reload shows the same", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const title = `Problem set ${Date.now().toString(36)}`;
  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await page.goto(MANAGE);
  await page.getByRole("navigation", { name: "Instructor area" }).getByRole("link", { name: "Assessments", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Assessments", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New assessment" }).click();

  // Title, category, dates and rules; a due date before the opening is refused under its field first.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Homework" });
  for (const [label, value] of Object.entries(FORM)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Due", { exact: true }).fill("2031-03-01T09:00");
  await page.getByLabel("Late policy", { exact: true }).selectOption("penalty");
  await page.getByLabel("Quiz explanations", { exact: true }).selectOption("after_close");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.locator("#error-dueAt")).toHaveText("must not be earlier than Opens");
  await expect(page.getByLabel("Due", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // What was typed stays, so only the wrong field needs fixing.
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Late policy", { exact: true })).toHaveValue("penalty");
  await page.getByLabel("Due", { exact: true }).fill(FORM.Due);
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.waitForURL(/\/manage\/assessments\/[0-9a-f-]{36}$/);
  const builderUrl = page.url();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();

  // Three exercises from the catalogue; one already in is marked and has no Add button.
  await addExercise(page, "Adam", 1, 1);
  await addExercise(page, "RMSProp", 2, 2);
  await addExercise(page, "Adagrad", 3, 3);
  await page.getByLabel("Search by title").fill("Adam");
  await expect(page.getByRole("button", { name: "Add Adam", exact: true })).toHaveCount(0);
  await expect(items(page)).toHaveText(["Adam", "RMSProp", "Adagrad"]);

  // Reorder by keyboard: focus stays on the moved exercise's button; at the top, on its other one.
  const moveUpAdagrad = page.getByRole("button", { name: "Move up Adagrad", exact: true });
  await moveUpAdagrad.focus();
  await page.keyboard.press("Enter");
  await expect(items(page)).toHaveText(["Adam", "Adagrad", "RMSProp"]);
  await expect(page.getByTestId("move-announcement")).toHaveText("Moved Adagrad to position 2 of 3.");
  await expect(moveUpAdagrad).toBeFocused();
  await page.keyboard.press("Space");
  await expect(items(page)).toHaveText(["Adagrad", "Adam", "RMSProp"]);
  await expect(page.getByTestId("move-announcement")).toHaveText("Moved Adagrad to position 1 of 3.");
  await expect(moveUpAdagrad).toBeDisabled();
  await expect(page.getByRole("button", { name: "Move down Adagrad", exact: true })).toBeFocused();

  // Points with the form.
  await page.getByLabel("Points for RMSProp", { exact: true }).fill("15");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByTestId("assessment-saved")).toHaveText("Saved Points of RMSProp.");
  const points = { Adagrad: await page.getByLabel("Points for Adagrad").inputValue(), Adam: await page.getByLabel("Points for Adam").inputValue(), RMSProp: "15" };
  await saveScreenshot(page, testInfo, "problem set built");

  await page.reload();
  await expectSaved(page, title, ["Adagrad", "Adam", "RMSProp"], points);

  // A fourth exercise, removed again (nobody has submitted to it: no confirmation needed).
  await addExercise(page, "SGD with momentum", 4, 4);
  await page.getByRole("button", { name: "Remove SGD with momentum", exact: true }).click();
  await expect(page.getByText("SGD with momentum removed.")).toBeVisible();
  await expect(items(page)).toHaveText(["Adagrad", "Adam", "RMSProp"]);
  await page.goto(builderUrl);
  await expectSaved(page, title, ["Adagrad", "Adam", "RMSProp"], points);

  // The list: the set, last, with its category, exercises and points; moved up and back by keyboard.
  await page.goto(`${MANAGE}/assessments`);
  const rows = page.getByTestId("assessments").locator("tbody tr");
  const row = rows.filter({ hasText: title });
  await expect(rows.last()).toContainText(title);
  await expect(row.locator('td[data-label="Category"]')).toHaveText("Homework");
  await expect(row.locator('td[data-label="Exercises"]')).toHaveText("3");
  await expect(row.locator('td[data-label="Points"]')).toHaveText(String(Number(points.Adagrad) + Number(points.Adam) + 15));
  await expect(row.locator('td[data-label="State"]')).toHaveText("Not open yet");
  const count = await rows.count();
  const moveUp = page.getByRole("button", { name: `Move up ${title}`, exact: true });
  await moveUp.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("move-announcement")).toHaveText(`Moved ${title} to position ${count - 1} of ${count}.`);
  await expect(moveUp).toBeFocused();
  await page.reload();
  await expect(rows.nth(count - 2)).toContainText(title);
  await page.getByRole("button", { name: `Move down ${title}`, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(rows.last()).toContainText(title);
  await page.reload();
  await expect(rows.last()).toContainText(title);

  // The dashboard groups the exercises' columns under the set's title and counts who is done with it.
  await page.goto(`${MANAGE}/dashboard`);
  const group = page.getByTestId("heatmap").locator('th[scope="colgroup"]').filter({ hasText: title });
  await expect(group).toHaveAttribute("colspan", "3");
  await expect(page.getByTestId("assessment-progress").getByRole("row").filter({ hasText: title }).locator('td[data-label="Not started"]')).not.toHaveText("0");

  // At phone width nothing scrolls sideways: the list, the new-assessment form, the builder, the dashboard.
  await page.setViewportSize(PHONE);
  for (const url of [`${MANAGE}/assessments`, `${MANAGE}/assessments/new`, builderUrl, `${MANAGE}/dashboard`]) {
    await page.goto(url);
    // Not "networkidle": the nav prefetches its pages, which never settles on some branches' builds.
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("load");
    const overflow = await sidewaysScroll(page);
    expect(overflow.scrollWidth, `${url}: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(overflow.clientWidth);
  }

  // Deleted again, behind its confirmation: the demo course's other specs find each exercise once.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(builderUrl);
  await page.getByText("Delete this assessment…").click();
  await page.getByRole("checkbox", { name: /Yes, delete this assessment/ }).check();
  await page.getByRole("button", { name: "Delete assessment" }).click();
  await page.waitForURL(/\/manage\/assessments$/);
  await expect(page.getByTestId("assessments").locator("tbody tr").filter({ hasText: title })).toHaveCount(0);
});
