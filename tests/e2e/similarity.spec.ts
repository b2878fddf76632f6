import { expect, test, type Page } from "@playwright/test";
import { DISGUISED_COPY, INDEPENDENT_TFJS, ORIGINAL } from "../integration/similarity/code-samples";
import { signedInPage, sidewaysScroll } from "./support";
import { analyse, newStudents, openSimilarityPage, submitCode } from "./similarity-support";

/**
 * Issue 20 end to end: three new students Submit to a code exercise (one a disguised copy of another's);
 * the instructor analyses the latest submissions, reads the ranking (the copy first, flagged), opens the pair
 * side by side with its fragments, and downloads the CSV, whose rows are the page's.
 */

// A code exercise no other spec submits to, so the set analysed is this spec's.
const EXERCISE = "adagrad";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const people = [
  { name: `Sim Original ${suffix}`, email: `sim-original-${suffix}@demo.local`, code: ORIGINAL },
  { name: `Sim Copy ${suffix}`, email: `sim-copy-${suffix}@demo.local`, code: DISGUISED_COPY },
  { name: `Sim Own ${suffix}`, email: `sim-own-${suffix}@demo.local`, code: INDEPENDENT_TFJS },
];
let instructor: Page;
let reportPath = "";

/** RFC 4180 rows (quoted fields may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (quoted) {
      field += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += char;
    }
  }
  return rows;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  instructor = await signedInPage(browser, "instructor@demo.local");
  const students = await newStudents(browser, instructor, people);
  for (const [index, student] of students.entries()) await submitCode(student, EXERCISE, people[index]!.code);
  for (const student of students) await student.context().close();
});

test("the instructor analyses the latest submissions and reads the ranking: the disguised copy first, flagged", async () => {
  test.setTimeout(180_000);
  reportPath = await openSimilarityPage(instructor, EXERCISE);
  await expect(instructor.getByRole("heading", { level: 1 })).toHaveText(/^Similar submissions: /);
  const count = Number((await instructor.getByTestId("current-set").innerText()).match(/^(\d+) students? /)![1]);
  expect(count).toBeGreaterThanOrEqual(3);
  await expect(instructor.getByRole("button", { name: `Analyse ${count} latest submissions` })).toBeVisible();
  await analyse(instructor);

  const first = instructor.getByTestId("similarity-pair").first();
  const names = [await first.getByTestId("pair-a").innerText(), await first.getByTestId("pair-b").innerText()].sort();
  expect(names).toEqual([people[1]!.name, people[0]!.name].sort());
  await expect(first.getByTestId("pair-similarity")).toContainText("Flagged");
  // The independent solution is in no flagged pair with either.
  const own = instructor.getByTestId("similarity-pair").filter({ hasText: people[2]!.name });
  await expect(own).toHaveCount(count - 1);
  for (const row of await own.all()) await expect(row.getByTestId("pair-similarity")).not.toContainText("Flagged");
  await expect(instructor.getByTestId("ignored-explained")).toContainText(/Ignored: \d+ fingerprints? of the starter code and the reference solution/);
  await expect(instructor.getByTestId("report-meta")).toContainText(`${count} submissions analysed`);
  const pairs = (count * (count - 1)) / 2;
  await expect(instructor.getByTestId("pairs-shown")).toHaveText(`Showing pairs 1–${pairs} of ${pairs}.`);
  // The same set again: no button, the report stays.
  await expect(instructor.getByRole("button", { name: /^Analyse/ })).toHaveCount(0);
  // A student's name leads to their attempts on this assignment.
  const href = await first.getByTestId("pair-a").getByRole("link").getAttribute("href");
  expect(href).toMatch(/\/manage\/students\/[0-9a-f-]{36}#a-[0-9a-f-]{36}$/);
});

test("the pair opens side by side, with numbered fragments on both sides; at 390 px the sides stack", async () => {
  await instructor.goto(reportPath);
  // The ranking at phone width: the table scrolls in its own box, the page never sideways.
  await instructor.setViewportSize({ width: 390, height: 844 });
  const ranking = await sidewaysScroll(instructor);
  expect(ranking.scrollWidth, ranking.culprits.join("; ")).toBeLessThanOrEqual(ranking.clientWidth);
  await instructor.setViewportSize({ width: 1280, height: 800 });
  const first = instructor.getByTestId("similarity-pair").first();
  const percent = (await first.getByTestId("pair-similarity").innerText()).match(/^([\d.]+) %/)![1];
  await first.getByRole("link", { name: /^Compare / }).click();
  await instructor.waitForURL(/\/similarity\/compare\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  await expect(instructor.getByTestId("compare-similarity")).toHaveText(`${percent} %`);
  const fragments = instructor.getByTestId("fragment-list").getByRole("listitem");
  expect(await fragments.count()).toBeGreaterThan(0);
  await expect(fragments.first()).toHaveText(/^1: lines \d+(–\d+)? ↔ lines \d+(–\d+)? \(\d+ tokens\)$/);
  // Both sides show their code as text, with fragment 1 marked on each.
  const sideA = instructor.getByTestId("code-a");
  const sideB = instructor.getByTestId("code-b");
  await expect(sideA.locator(".code-line.marked").first()).toContainText("[1");
  await expect(sideB.locator(".code-line.marked").first()).toContainText("[1");
  const codes = [await sideA.locator("code").innerText(), await sideB.locator("code").innerText()];
  expect(codes.some((code) => code.includes("nextAccumulator.push(total);"))).toBe(true);
  expect(codes.some((code) => code.includes("newAcc.push(sum);"))).toBe(true);
  await expect(instructor.getByTestId("aligned-fragment")).toHaveCount(await fragments.count());
  await fragments.first().getByRole("link").click();
  await expect(instructor).toHaveURL(/#fragment-1$/);

  await instructor.setViewportSize({ width: 390, height: 844 });
  const boxA = (await sideA.boundingBox())!;
  const boxB = (await sideB.boundingBox())!;
  expect(boxB.y).toBeGreaterThanOrEqual(boxA.y + boxA.height - 1);
  const sideways = await sidewaysScroll(instructor);
  expect(sideways.scrollWidth, sideways.culprits.join("; ")).toBeLessThanOrEqual(sideways.clientWidth);
  await instructor.setViewportSize({ width: 1280, height: 800 });
  expect((await sideB.boundingBox())!.y).toBeCloseTo((await sideA.boundingBox())!.y, 0);
});

test("the CSV download holds the page's pairs, in its order", async () => {
  await instructor.goto(reportPath);
  const link = instructor.getByRole("link", { name: "Download the pairs as CSV" });
  const download = instructor.waitForEvent("download");
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^similarity-adagrad-[0-9a-f]{8}\.csv$/);
  const response = await instructor.request.get((await link.getAttribute("href"))!);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toEqual(["rank", "student_a_name", "student_a_email", "student_b_name", "student_b_email", "similarity_percent", "flagged", "longest_fragment_tokens", "submission_a", "submission_b"]);
  const pageRows = instructor.getByTestId("similarity-pair");
  expect(rows).toHaveLength(await pageRows.count());
  for (const [index, row] of (await pageRows.all()).entries()) {
    const csv = rows[index]!;
    expect(csv[0]).toBe(String(index + 1));
    expect(csv[1]).toBe(await row.getByTestId("pair-a").innerText());
    expect(csv[3]).toBe(await row.getByTestId("pair-b").innerText());
    const shown = (await row.getByTestId("pair-similarity").innerText()).match(/^([\d.]+) %/)![1];
    expect(csv[5]).toBe(shown);
    expect(csv[6]).toBe((await row.getByTestId("pair-similarity").innerText()).includes("Flagged") ? "yes" : "no");
  }
});
