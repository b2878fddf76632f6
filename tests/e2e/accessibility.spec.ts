import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { contrastRatio } from "../helpers/contrast";
import { A11Y_SIGN_IN, auditPage, auditedPatterns, pagePatterns } from "./a11y-helpers";
import { PASSWORD, replaceCode, signIn } from "./support";
import { analyse, newStudents, openSimilarityPage, submitCode } from "./similarity-support";

/**
 * axe-core over every page state, as each role, at 1280 and 390 px: no serious or critical violation, headings
 * that do not skip a level, landmarks with distinct names. Pages are found on disk (a new page fails the
 * coverage test at the end until it is given a state here); exercises are chosen by kind, not by wording.
 */
const PATTERNS = pagePatterns();
const COURSE = "/courses/keras";
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/students");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
// Exercises the other specs do not submit to as student1, so that their attempt counts stay theirs.
const CODE_EXERCISE = "weight-penalty";
const QUIZ_EXERCISE = "optimizer-concepts";
// A code exercise only the similarity audit submits to (two new students of its own).
const SIMILARITY_EXERCISE = "loss-functions";
const MODEL_EXERCISE = "build-classifier";
// Runs (which never count as attempts) that draw feedback charts: a learning-rate curve and early-stopping marks.
const CURVE_RUN = { exercise: "lr-schedules", code: fixture("lr-schedules/wrong-always-floors.ts") };
const MARKS_RUN = { exercise: "early-stopping", code: fixture("early-stopping/wrong-stops-one-late.ts") };
// A ball's positions on a loss curve: the reference solution, so that both paths are drawn.
const PATH_RUN = { exercise: "momentum-escape", code: readFileSync(path.resolve(import.meta.dirname, "../../exercises/momentum-escape/solution.ts"), "utf8") };
// Symbols that mean something only to the eye: a screen reader should read the words beside them.
const DECORATIVE_SYMBOLS = /[✓✗●■◯│┆◐○]/;

test.describe.configure({ timeout: 300_000 });

/** Opens every disclosure (code of past attempts, console output, values) so that what is inside is audited too. */
async function openAllDetails(page: Page) {
  for (const details of await page.locator("main details").all()) await details.evaluate((element) => ((element as HTMLDetailsElement).open = true));
}

async function runOrSubmit(page: Page, button: RegExp) {
  await page.getByRole("button", { name: button }).first().click();
  await expect(page.getByTestId("submission-result").first()).toHaveAttribute("data-status", /graded|error/, { timeout: 90_000 });
  // The result arrives pushed, then the page refreshes its server parts (history, header), head included:
  // the workbench is busy until that refresh is done, and only then is the page as the student reads it.
  await expect(page.getByRole("button", { name: /^Run/ }).first()).toHaveAttribute("aria-disabled", "false", { timeout: 30_000 });
}

/** Ticks the first choice of every question and types a number into every free answer, then submits. */
async function answerQuiz(page: Page) {
  const quiz = page.locator("form").filter({ has: page.locator("fieldset") }).first();
  const names = new Set<string>();
  for (const input of await quiz.locator("input[type=radio], input[type=checkbox]").all()) {
    const name = (await input.getAttribute("name")) ?? "";
    if (names.has(name)) continue;
    names.add(name);
    await input.check();
  }
  for (const input of await quiz.locator("input[type=text], input[type=number], input:not([type])").all()) await input.fill("1");
  await quiz.getByRole("button", { name: /^Submit/ }).click();
}

test("student: home, course, join, sign-out and not-found pages", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local", A11Y_SIGN_IN);
  await auditPage(page, testInfo, "student home", PATTERNS);

  await page.goto(COURSE);
  await auditPage(page, testInfo, "student course page", PATTERNS);
  // Every section (Due next, Late, each assessment) is a region named by its heading.
  const sections = await page.locator("main h2").allInnerTexts();
  expect(sections.length).toBeGreaterThan(1);
  for (const section of sections) await expect(page.getByRole("region", { name: section, exact: true })).toBeVisible();
  // Status symbols (✓ ◐ ○) repeat the status word beside them: the table reads only the words.
  expect(await page.locator("main table").first().ariaSnapshot()).not.toMatch(DECORATIVE_SYMBOLS);
  // An assessment's own page: its rules, the student's progress and its exercises.
  await page.locator("section[data-assessment-id] h2 a").first().click();
  await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  await auditPage(page, testInfo, "student assessment page", PATTERNS);

  for (const [state, url] of [
    ["student join page", "/join"],
    ["student sign-out page", "/signout"],
    ["student account page", "/account"],
    ["student grades page", `${COURSE}/grades`],
    ["student not-found page", `${COURSE}/exercises/no-such-exercise`],
    ["student unknown address", "/no-such-page"],
  ] as const) {
    await page.goto(url);
    await auditPage(page, testInfo, state, PATTERNS);
  }
});

test("student: a code exercise before and after Run and Submit; every exercise page has its own title", async ({ page }, testInfo) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "student1@demo.local", A11Y_SIGN_IN);
  const titles = new Map<string, string>();
  for (const exercise of [CODE_EXERCISE, QUIZ_EXERCISE, MODEL_EXERCISE]) {
    await page.goto(`${COURSE}/exercises/${exercise}`);
    const heading = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
    const title = await page.title();
    expect(title, `title of ${exercise}`).toContain(heading);
    titles.set(exercise, title);
  }
  expect(new Set(titles.values()).size, JSON.stringify([...titles])).toBe(titles.size);

  await page.goto(`${COURSE}/exercises/${MODEL_EXERCISE}`);
  await auditPage(page, testInfo, "student model exercise", PATTERNS);

  await page.goto(`${COURSE}/exercises/${CODE_EXERCISE}`);
  // The editor says how to leave it: its keys help is its description.
  await expect(page.locator(".cm-content")).toHaveAccessibleDescription(/Esc then Tab/);
  await auditPage(page, testInfo, "student code exercise", PATTERNS);

  // Type names stay readable on the line being edited (CodeMirror's #085 was 4.26:1 on its tinted active line).
  // The cursor stays on that line for the audits after Run and Submit below.
  const typed = page.locator(".cm-content .cm-line").filter({ hasText: /:\s*number/ }).first();
  await typed.click();
  await expect(typed).toHaveClass(/cm-activeLine/);
  const colours = await typed.evaluate((line) => {
    const token = Array.from(line.querySelectorAll("span")).find((span) => span.textContent === "number");
    let layer: Element | null = line;
    while (layer && getComputedStyle(layer).backgroundColor.replace(/\s/g, "").match(/rgba\(\d+,\d+,\d+,0\)|transparent/)) layer = layer.parentElement;
    return { text: token ? getComputedStyle(token).color : "", background: layer ? getComputedStyle(layer).backgroundColor : "" };
  });
  expect(contrastRatio(colours.text, colours.background), JSON.stringify(colours)).toBeGreaterThanOrEqual(4.5);

  await runOrSubmit(page, /^Run/);
  await auditPage(page, testInfo, "student code exercise after Run", PATTERNS);

  await runOrSubmit(page, /^Submit/);
  await auditPage(page, testInfo, "student code exercise after Submit", PATTERNS);
  // Each test result reads "Passed: name" or "Failed: name", not a bare symbol.
  const results = page.getByTestId("submission-result").first().locator("ul.tests > li");
  expect(await results.count()).toBeGreaterThan(0);
  for (const result of await results.all()) {
    const spoken = await result.ariaSnapshot();
    expect(spoken).toMatch(/(Passed|Failed):/);
    expect(spoken).not.toMatch(DECORATIVE_SYMBOLS);
  }
  await openAllDetails(page);
  await auditPage(page, testInfo, "student code exercise after Submit, details opened", PATTERNS);
  await page.reload();
  await openAllDetails(page);
  await auditPage(page, testInfo, "student code exercise reloaded, past attempts opened", PATTERNS);

  // A review asked for on that Submit: its state in the attempt history (the instructor test below answers it).
  // Reloaded first: the disclosures opened above would close on a click.
  await page.reload();
  await page.getByText("Ask for a review", { exact: true }).first().click();
  await page.getByLabel("Your message to the course staff").first().fill("Axe asks for a review of this Submit.");
  await page.getByRole("button", { name: "Send request" }).first().click();
  await expect(page.getByText("Review requested").first()).toBeVisible({ timeout: 30_000 });
  await openAllDetails(page);
  await auditPage(page, testInfo, "student code exercise with a review requested", PATTERNS);
});

test("student: the typed editor with a type error underlined and a completion list open", async ({ page }, testInfo) => {
  await signIn(page, "student3@demo.local", A11Y_SIGN_IN);
  await page.goto(`${COURSE}/exercises/data-splits`);
  await page.locator(".cm-content").click();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-types", "ready");
  await replaceCode(page, 'import * as tf from "@tensorflow/tfjs";\nconst wrong = tf.zeros("three");\n');
  await expect(page.locator(".cm-lintRange-error").first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.type("tf.ti");
  await expect(page.locator(".cm-tooltip-autocomplete")).toBeVisible({ timeout: 30_000 });
  await auditPage(page, testInfo, "student code exercise, typed editor open", PATTERNS);
});

test("student: drawn feedback (a curve, early-stopping marks, paths on a loss) reads as words, not symbols", async ({ page }, testInfo) => {
  await signIn(page, "student1@demo.local", A11Y_SIGN_IN);
  for (const { exercise, code } of [CURVE_RUN, MARKS_RUN, PATH_RUN]) {
    await page.goto(`${COURSE}/exercises/${exercise}`);
    await replaceCode(page, code);
    await runOrSubmit(page, /^Run/);
    const figures = page.getByTestId("submission-result").first().locator("figure");
    await expect(figures.first()).toBeVisible();
    for (const caption of await figures.locator("figcaption").all()) {
      const spoken = await caption.ariaSnapshot();
      expect(spoken).toMatch(/expected/);
      expect(spoken, `legend of ${exercise}`).not.toMatch(DECORATIVE_SYMBOLS);
    }
    await auditPage(page, testInfo, `student ${exercise} after Run`, PATTERNS);
  }
});

test("student: a quiz before and after Submit", async ({ page }, testInfo) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "student1@demo.local", A11Y_SIGN_IN);
  await page.goto(`${COURSE}/exercises/${QUIZ_EXERCISE}`);
  await auditPage(page, testInfo, "student quiz", PATTERNS);
  await answerQuiz(page);
  await expect(page.getByTestId("quiz-announcement")).not.toBeEmpty({ timeout: 60_000 });
  await auditPage(page, testInfo, "student quiz after Submit", PATTERNS);
  await page.reload();
  await auditPage(page, testInfo, "student quiz after Submit, reloaded", PATTERNS);
});

test("student: a timed assessment before the start, with its clock running (assessment and exercise), and finished", async ({ page, browser }, testInfo) => {
  // The instructor makes a 30-minute assessment of one code exercise, and deletes it again at the end.
  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "instructor@demo.local", A11Y_SIGN_IN);
  const title = `A11y timed ${Date.now().toString(36)}`;
  await teacher.goto(`${COURSE}/manage/assessments/new`);
  await teacher.getByLabel("Title", { exact: true }).fill(title);
  await teacher.getByLabel("Time limit (minutes)", { exact: true }).fill("30");
  await teacher.getByRole("button", { name: "Create assessment" }).click();
  await expect(teacher.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const id = /\/assessments\/([0-9a-f-]{36})/.exec(teacher.url())![1]!;
  await teacher.getByLabel("Search by title").fill("Batches and steps per epoch");
  await teacher.getByRole("button", { name: "Add Batches and steps per epoch", exact: true }).click();
  await expect(teacher.locator(".picker-status")).toContainText("added as exercise 1 of 1.");

  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "student3@demo.local", A11Y_SIGN_IN);
  await page.goto(`${COURSE}/assessments/${id}`);
  await expect(page.getByRole("button", { name: "Start now" })).toBeVisible();
  await auditPage(page, testInfo, "student timed assessment before the start", PATTERNS);
  await page.goto(`${COURSE}/exercises/batching?assessment=${id}`);
  await expect(page.getByTestId("exam-not-started")).toBeVisible();
  await auditPage(page, testInfo, "student timed exercise before the start", PATTERNS);
  await page.goto(`${COURSE}/assessments/${id}`);
  await page.getByRole("button", { name: "Start now" }).click();
  const timer = page.getByRole("timer", { name: "Time left" });
  await expect(timer).toHaveText(/^\d\d:\d\d$/);
  await auditPage(page, testInfo, "student timed assessment running", PATTERNS);
  await page.goto(`${COURSE}/exercises/batching?assessment=${id}`);
  await expect(timer).toHaveText(/^\d\d:\d\d$/);
  await auditPage(page, testInfo, "student timed exercise running", PATTERNS);
  await page.goto(`${COURSE}/assessments/${id}`);
  await page.getByRole("button", { name: "Finish and submit" }).click();
  await expect(page.getByTestId("exam-finished")).toBeVisible();
  await auditPage(page, testInfo, "student timed assessment finished", PATTERNS);
  await page.goto(`${COURSE}/exercises/batching?assessment=${id}`);
  await expect(page.getByTestId("exam-finished")).toBeVisible();
  await auditPage(page, testInfo, "student timed exercise finished", PATTERNS);

  // Other specs count the course's assessments: this one goes again.
  await teacher.goto(`${COURSE}/manage/assessments/${id}`);
  await teacher.getByText("Delete this assessment…").click();
  await teacher.getByLabel(/Yes, delete this assessment/).check();
  await teacher.getByRole("button", { name: "Delete assessment" }).click();
  await expect(teacher).toHaveURL(/\/manage\/assessments$/);
  await teacher.context().close();
});

test("instructor: every instructor page, before and after its main action", async ({ page }, testInfo) => {
  // Over 40 page states at two widths; on a loaded machine it passes five minutes.
  test.setTimeout(480_000);
  await signIn(page, "instructor@demo.local", A11Y_SIGN_IN);
  await auditPage(page, testInfo, "instructor home", PATTERNS);
  await page.goto(COURSE);
  await auditPage(page, testInfo, "instructor course page", PATTERNS);
  await page.locator("section[data-assessment-id] h2 a").first().click();
  await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  await auditPage(page, testInfo, "instructor assessment page", PATTERNS);

  const manage = `${COURSE}/manage`;
  for (const [state, url] of [
    ["instructor manage", manage],
    ["instructor assessments", `${manage}/assessments`],
    ["instructor new assessment", `${manage}/assessments/new`],
    ["instructor assignments", `${manage}/assignments`],
    ["instructor add assignment", `${manage}/assignments/new`],
    ["instructor exercises catalogue", `${manage}/exercises`],
    ["instructor dashboard", `${manage}/dashboard`],
    // The assignment student1 submitted to in the tests above: heatmap, charts and tables with data.
    ["instructor dashboard with activity", `${manage}/dashboard?assignment=${CODE_EXERCISE}`],
    ["instructor gradebook", `${manage}/gradebook`],
    ["instructor gradebook by exercise", `${manage}/gradebook?view=exercises`],
    ["instructor grading", `${manage}/grading`],
    ["instructor LMS placements and grade passback", `${manage}/lms`],
    ["instructor LMS roster sync (no LMS course linked)", `${manage}/lms/roster`],
    // A deep linking picker whose request is not the instructor's (or gone): the page says it is not found.
    ["instructor LTI deep linking picker, unknown request", "/lti/deep-link/00000000-0000-4000-8000-000000000000"],
    ["instructor grades page (staff have none)", `${COURSE}/grades`],
  ] as const) {
    await page.goto(url);
    await auditPage(page, testInfo, state, PATTERNS);
  }

  // Grading with a category in its table (editable row), then the category removed again: a category
  // without assessments would leave the demo course's assessments out of every grade for later specs.
  const category = `Axe ${Date.now().toString(36)}`;
  await page.goto(`${manage}/grading`);
  await page.getByLabel("Name", { exact: true }).fill(category);
  await page.getByLabel("Weight", { exact: true }).fill("10");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByRole("status").filter({ hasText: "added" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel(`Weight of ${category}`)).toBeVisible();
  await auditPage(page, testInfo, "instructor grading after adding a category", PATTERNS);
  const row = page.locator("tr", { has: page.getByLabel(`Weight of ${category}`) });
  await row.locator("summary").click();
  await row.getByRole("button", { name: `Remove ${category}` }).click();
  await expect(page.getByLabel(`Weight of ${category}`)).toHaveCount(0, { timeout: 30_000 });

  // A course exercise's editor, before and after Save and check (a new one, from the code template).
  await page.goto(`${manage}/exercises`);
  await page.getByLabel("Name of the new code exercise").fill(`axe-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "New code exercise" }).click();
  await page.waitForURL(/\/edit$/);
  await expect(page.getByTestId("prompt-preview").locator(".prompt")).toBeVisible();
  await auditPage(page, testInfo, "instructor exercise editor", PATTERNS);
  await page.getByRole("button", { name: "Save and check" }).click();
  await expect(page.getByTestId("check-panel")).not.toHaveAttribute("data-ok", "none", { timeout: 120_000 });
  await auditPage(page, testInfo, "instructor exercise editor after Save", PATTERNS);

  await page.goto(`${manage}/assignments`);
  const editHref = await page.locator(`tr[data-exercise-id="${CODE_EXERCISE}"] a[href*="/manage/assignments/"]`).first().getAttribute("href");
  expect(editHref).toMatch(/\/manage\/assignments\/[0-9a-f-]{36}$/);
  await page.goto(editHref!);
  await auditPage(page, testInfo, "instructor assignment edit", PATTERNS);
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /\S/ }).first()).toBeVisible({ timeout: 30_000 });
  await auditPage(page, testInfo, "instructor assignment edit after Save", PATTERNS);

  // An assessment's builder (the demo's first), before and after Save, with the catalogue picker below it.
  await page.goto(`${manage}/assessments`);
  const builderHref = await page.locator("tr[data-assessment-id] a").first().getAttribute("href");
  expect(builderHref).toMatch(/\/manage\/assessments\/[0-9a-f-]{36}$/);
  await page.goto(builderHref!);
  await auditPage(page, testInfo, "instructor assessment builder", PATTERNS);
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByTestId("assessment-saved")).toBeVisible({ timeout: 30_000 });
  await auditPage(page, testInfo, "instructor assessment builder after Save", PATTERNS);

  await page.goto(`${editHref}/regrade`);
  await auditPage(page, testInfo, "instructor regrade", PATTERNS);

  await page.goto(`${manage}/roster`);
  await auditPage(page, testInfo, "instructor roster", PATTERNS);
  const studentId = await page.locator('tr[data-email="student1@demo.local"]').getAttribute("data-user-id");
  const email = `axe-${Date.now().toString(36)}@demo.local`;
  await page.locator("input[type=file]").first().setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${email},Axe Student\nnot-an-email,Broken Row\n`) });
  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByText(email).first()).toBeVisible({ timeout: 30_000 });
  await auditPage(page, testInfo, "instructor roster after import", PATTERNS);

  await page.goto(`${manage}/students/${studentId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await auditPage(page, testInfo, "instructor student page", PATTERNS);
  await openAllDetails(page);
  await auditPage(page, testInfo, "instructor student page, attempts opened", PATTERNS);

  // The exam monitor and a student's exam log of the demo's first assessment (untimed: the monitor says so;
  // tests/e2e/exam-session.spec.ts audits both with a timed exam in progress and a log with events).
  await page.goto(`${builderHref}/exam`);
  await auditPage(page, testInfo, "instructor exam monitor (untimed assessment)", PATTERNS);
  await page.goto(`${builderHref}/exam/${studentId}`);
  await auditPage(page, testInfo, "instructor exam log (empty)", PATTERNS);

  // Accommodations, given to the student the roster import made (no other spec counts their attempts).
  await page.goto(`${manage}/accommodations`);
  await auditPage(page, testInfo, "instructor accommodations", PATTERNS);
  const grant = page.locator("#grant");
  await grant.getByLabel("Student or group").selectOption({ label: `Axe Student (${email})` });
  await grant.getByLabel("Assessment").selectOption("all");
  await grant.getByLabel("Extra attempts").fill("1");
  await grant.getByLabel("Time multiplier").fill("1.5");
  await grant.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(grant.getByRole("status")).toContainText(/Granted|Nothing to change/, { timeout: 30_000 });
  await page.reload();
  await openAllDetails(page);
  await auditPage(page, testInfo, "instructor accommodations with a grant, forms opened", PATTERNS);
  await page.locator("input[name=accommodations]").setInputFiles({
    name: "accommodations.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,assessment,extra_attempts\n${email},*,2\nnobody@demo.local,*,1\n`),
  });
  await page.getByRole("button", { name: "Upload and grant" }).click();
  await expect(page.getByTestId("accommodation-row-errors")).toContainText("Row 3: no student with email nobody@demo.local in this course", { timeout: 30_000 });
  await auditPage(page, testInfo, "instructor accommodations after a CSV with a bad row", PATTERNS);

  // Regrade requests: the queue with student1's request from the student test above, the request, and its answer.
  await page.goto(`${manage}/regrade-requests`);
  await auditPage(page, testInfo, "instructor regrade requests", PATTERNS);
  await page.locator("tr[data-request-id] a").first().click();
  await page.waitForURL(/\/regrade-requests\/[0-9a-f-]{36}$/);
  await auditPage(page, testInfo, "instructor regrade request", PATTERNS);
  await page.getByLabel("Response").fill("Axe: the grading stands.");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("request-answer")).toBeVisible({ timeout: 30_000 });
  await auditPage(page, testInfo, "instructor regrade request resolved", PATTERNS);
  await page.goto(`${manage}/regrade-requests?status=resolved`);
  await auditPage(page, testInfo, "instructor regrade requests, resolved ones", PATTERNS);

  await page.goto(`${manage}/exercises/${CODE_EXERCISE}`);
  await auditPage(page, testInfo, "instructor exercise preview", PATTERNS);
  for (const button of await page.locator(".preview-run button").all()) {
    await button.click();
    await expect(page.locator(".preview-run [data-testid=submission-result]").last()).toHaveAttribute("data-status", /graded|error/, { timeout: 90_000 });
  }
  await expect(page.locator(".preview-run [data-testid=submission-result]")).toHaveCount(2);
  await auditPage(page, testInfo, "instructor exercise preview after both runs", PATTERNS);
  await page.goto(`${manage}/exercises/${QUIZ_EXERCISE}`);
  await auditPage(page, testInfo, "instructor quiz preview", PATTERNS);
});

test("instructor: similarity reports (an exercise's report before and after the analysis, a pair side by side, an assessment's reports)", async ({ page, browser }, testInfo) => {
  // Two new students Submit to a code exercise no other spec uses, one a copy of the other's code.
  const suffix = Date.now().toString(36);
  await signIn(page, "instructor@demo.local", A11Y_SIGN_IN);
  const students = await newStudents(browser, page, [
    { name: `Axe Sim A ${suffix}`, email: `axe-sim-a-${suffix}@demo.local` },
    { name: `Axe Sim B ${suffix}`, email: `axe-sim-b-${suffix}@demo.local` },
  ]);
  const code = fixture("../grading/loss-functions/student-loops.ts");
  await submitCode(students[0]!, SIMILARITY_EXERCISE, code);
  await submitCode(students[1]!, SIMILARITY_EXERCISE, code.replaceAll("total", "sum"));
  for (const student of students) await student.context().close();
  const reportPath = await openSimilarityPage(page, SIMILARITY_EXERCISE);
  await auditPage(page, testInfo, "instructor similarity report, none yet", PATTERNS);
  await analyse(page);
  await auditPage(page, testInfo, "instructor similarity report with pairs", PATTERNS);
  await page.getByRole("link", { name: /^Compare / }).first().click();
  await page.waitForURL(/\/similarity\/compare\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  await auditPage(page, testInfo, "instructor similarity pair side by side", PATTERNS);
  // The assessment of the exercise, from the assignment page's way back to it, then its similarity link.
  await page.goto(reportPath.replace(/\/similarity$/, ""));
  const assessmentHref = await page.locator('main a[href*="/manage/assessments/"]').first().getAttribute("href");
  await page.goto(assessmentHref!);
  await page.getByRole("link", { name: /^Similar submissions/ }).click();
  await page.waitForURL(/\/assessments\/[0-9a-f-]{36}\/similarity$/);
  await auditPage(page, testInfo, "instructor assessment similarity reports", PATTERNS);
});

test("admin: home and admin pages", async ({ page }, testInfo) => {
  await signIn(page, "admin@demo.local", A11Y_SIGN_IN);
  await auditPage(page, testInfo, "admin home", PATTERNS);
  await page.goto("/admin");
  await auditPage(page, testInfo, "admin page", PATTERNS);
  await page.goto("/admin/lti");
  await auditPage(page, testInfo, "admin LMS (LTI) page", PATTERNS);
});

test("signed out: sign-in page, a failed sign-in, join and not-found", async ({ page }, testInfo) => {
  await page.goto("/signin");
  await auditPage(page, testInfo, "sign-in page", PATTERNS);
  await page.getByLabel("Email").fill("student1@demo.local");
  await page.getByLabel("Password").fill(`${PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").or(page.locator(".error")).first()).toBeVisible();
  await auditPage(page, testInfo, "sign-in page after a wrong password", PATTERNS);
  // Sent here because a newer sign-in ended this session during timed work: the page says why.
  await page.goto("/signin?reason=signed-in-elsewhere&callbackUrl=%2F");
  await expect(page.getByTestId("signin-notice")).toBeVisible();
  await auditPage(page, testInfo, "sign-in page, signed out by a sign-in elsewhere during an exam", PATTERNS);
  await page.goto("/join");
  await auditPage(page, testInfo, "join page signed out (sign-in)", PATTERNS);
  await page.goto("/no-such-page");
  await auditPage(page, testInfo, "not-found page signed out", PATTERNS);
  // What an LMS opens for dynamic registration, here without its parameters: the page says what is missing.
  await page.goto("/lti/register");
  await auditPage(page, testInfo, "LTI dynamic registration without a token", PATTERNS);
  // A password confirmation of an LMS account that is not (or no longer) waiting: not found.
  await page.goto("/lti/link-account/00000000-0000-4000-8000-000000000000");
  await auditPage(page, testInfo, "LTI account link, unknown", PATTERNS);
});

// Runs last (tests of a file run in order); run alone, it fails: it reads what the tests above recorded.
test("every page of the app was audited above", ({}, testInfo) => {
  const audited = auditedPatterns(testInfo);
  const missing = [...PATTERNS, "not-found"].filter((pattern) => !audited.has(pattern));
  expect(missing, "pages without a state in accessibility.spec.ts").toEqual([]);
});
