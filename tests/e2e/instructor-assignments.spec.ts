import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signIn } from "./support";

/** The edit form's controls by their visible labels. */
const LABELS = {
  opensAt: "Opens",
  dueAt: "Due",
  attemptLimit: "Attempt limit",
  points: "Points",
  latePolicy: "Late policy",
  latePenaltyPerDay: "Penalty per day (%)",
  lateCutoffAt: "Late cut-off",
} as const;
type Values = Record<keyof typeof LABELS, string>;
const INTERNAL_NAMES = /opensAt|dueAt|lateCutoffAt|attemptLimit|latePenaltyPerDay|latePolicy/;

const control = (page: Page, name: keyof typeof LABELS) => page.getByLabel(LABELS[name], { exact: true });

async function expectControls(page: Page, values: Values) {
  for (const name of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
    await expect(control(page, name), LABELS[name]).toHaveValue(values[name]);
  }
}

async function save(page: Page, changes: Partial<Values>, savedMessage: RegExp) {
  for (const [name, value] of Object.entries(changes) as Array<[keyof typeof LABELS, string]>) {
    if (name === "latePolicy") await control(page, name).selectOption(value);
    else await control(page, name).fill(value);
  }
  // Two saves in a row can say the same; wait for this one's answer.
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/manage/assignments/")),
    page.getByRole("button", { name: "Save assignment" }).click(),
  ]);
  await expect(page.getByRole("status")).toContainText(savedMessage);
}

async function openAssignment(page: Page, title: string) {
  await page.goto("/courses/keras/manage/assignments");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

test("every control of the assignment form shows the saved value after each save and after a reload, and a save keeps what was not changed", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await openAssignment(page, "Learning-rate schedules by the numbers");

  // A deadline with no late work (the demo course is in UTC).
  let values: Values = {
    opensAt: "2027-01-04T09:00",
    dueAt: "2027-01-11T17:00",
    attemptLimit: "",
    points: "12",
    latePolicy: "none",
    latePenaltyPerDay: "10",
    lateCutoffAt: "2027-01-14T17:00",
  };
  await save(page, values, /Saved/);
  await expectControls(page, values);

  // The reported case: penalty 20 % with a cut-off; the select must not fall back to "none".
  values = { ...values, latePolicy: "penalty", latePenaltyPerDay: "20" };
  await save(page, { latePolicy: "penalty", latePenaltyPerDay: "20" }, /Saved Late policy, Penalty per day \(%\)\./);
  await expectControls(page, values);

  // Then something else: the late policy stays as saved.
  values = { ...values, points: "25" };
  await save(page, { points: "25" }, /Saved Points\./);
  await expectControls(page, values);
  await page.reload();
  await expectControls(page, values);

  // Every other control the same way, one save each.
  const steps: Array<Partial<Values>> = [{ attemptLimit: "3" }, { opensAt: "2027-01-05T08:30" }, { dueAt: "2027-01-12T18:00" }, { lateCutoffAt: "2027-01-15T12:00" }, { attemptLimit: "" }];
  for (const step of steps) {
    values = { ...values, ...step };
    const label = LABELS[Object.keys(step)[0] as keyof typeof LABELS];
    await save(page, step, new RegExp(`Saved ${label.replace(/[()%-]/g, "\\$&")}\\.`));
    await expectControls(page, values);
  }
  await page.reload();
  await expectControls(page, values);

  // The assignments list agrees.
  await page.goto("/courses/keras/manage/assignments");
  const row = page.locator('tr[data-exercise-id="lr-schedule-numbers"]');
  await expect(row.locator('td[data-label="Points"]')).toHaveText("25");
  await expect(row.locator('td[data-label="Late policy"]')).toContainText("−20 % a day");
  await expect(row.locator('td[data-label="Attempts"]')).toHaveText("Unlimited");
  await saveScreenshot(page, testInfo, "assignments after edits");
});

test("a refused assignment form names its fields by their labels, keeps what was typed and saves nothing", async ({ page }, testInfo) => {
  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await openAssignment(page, "RMSProp");
  const before = await Promise.all((Object.keys(LABELS) as Array<keyof typeof LABELS>).map((name) => control(page, name).inputValue()));

  await control(page, "opensAt").fill("2027-02-10T09:00");
  await control(page, "dueAt").fill("2027-02-01T09:00");
  await control(page, "lateCutoffAt").fill("2027-02-20T09:00");
  await page.getByRole("button", { name: "Save assignment" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Some fields" });
  await expect(alert).toContainText("Some fields need attention. Check: Due.");
  await expect(page.locator("#error-dueAt")).toHaveText("must not be earlier than Opens");
  await expect(control(page, "dueAt")).toHaveAttribute("aria-invalid", "true");
  await expect(control(page, "opensAt")).toHaveValue("2027-02-10T09:00");
  expect(await page.locator("main").innerText()).not.toMatch(INTERNAL_NAMES);
  await saveScreenshot(page, testInfo, "assignment form with an error");

  // A cut-off before the due date: named by its label too.
  await control(page, "dueAt").fill("2027-02-12T09:00");
  await control(page, "lateCutoffAt").fill("2027-02-11T09:00");
  await page.getByRole("button", { name: "Save assignment" }).click();
  await expect(page.locator("#error-lateCutoffAt")).toHaveText("must not be earlier than Due");
  expect(await page.locator("main").innerText()).not.toMatch(INTERNAL_NAMES);

  await page.reload();
  const after = await Promise.all((Object.keys(LABELS) as Array<keyof typeof LABELS>).map((name) => control(page, name).inputValue()));
  expect(after).toEqual(before);
});

test("an assignment is worth its exercise's points, in the demo course and when added from the catalogue", async ({ page }) => {
  await signIn(page, "instructor@demo.local", { waitFor: "url-not-signin" });
  await page.goto("/courses/keras/manage/assignments");
  const points = (id: string) => page.locator(`tr[data-exercise-id="${id}"] td[data-label="Points"]`);
  await expect(points("adam")).toHaveText("15");
  await expect(points("output-activation")).toHaveText("8");

  // Remove one (nobody has submitted to it) and add it again from the catalogue.
  await openAssignment(page, "Overfitting, early stopping and regularization");
  await page.getByText("Remove this assignment…").click();
  await page.getByLabel(/Yes, remove this assignment/).check();
  await page.getByRole("button", { name: "Remove assignment" }).click();
  await expect(page).toHaveURL(/\/manage\/assignments$/);
  await expect(page.locator('tr[data-exercise-id="overfitting"]')).toHaveCount(0);

  await page.getByRole("link", { name: "Add assignment" }).click();
  const entry = page.locator('tr[data-exercise-id="overfitting"]');
  await expect(entry.locator('td[data-label="Points"]')).toHaveText("11");
  await entry.getByRole("button", { name: "Assign Overfitting, early stopping and regularization" }).click();
  await expect(page.getByRole("heading", { name: "Overfitting, early stopping and regularization", level: 1 })).toBeVisible();
  await expect(control(page, "points")).toHaveValue("11");
});
