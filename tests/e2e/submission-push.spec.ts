import { expect, test, type Page } from "@playwright/test";
import { finalResult, replaceCode, signIn } from "./support";

const EXERCISE = "/courses/keras/exercises/min-max-scaling";
const SOLUTION = `export function fitMinMax(x: number[][]) {
  const cols = x[0]?.length ?? 0;
  const min = new Array<number>(cols).fill(Infinity);
  const max = new Array<number>(cols).fill(-Infinity);
  for (const row of x) for (let j = 0; j < cols; j++) { min[j] = Math.min(min[j]!, row[j]!); max[j] = Math.max(max[j]!, row[j]!); }
  return { min, max };
}
export function applyMinMax(x: number[][], stats: { min: number[]; max: number[] }) {
  return x.map((row) => row.map((v, j) => (stats.max[j]! === stats.min[j]! ? 0 : (v - stats.min[j]!) / (stats.max[j]! - stats.min[j]!))));
}
`;

/** The page's requests for a submission's state, by kind: the event stream, a plain read, a long-poll. */
function recordSubmissionRequests(page: Page) {
  const seen = { events: [] as string[], reads: [] as string[], longPolls: [] as string[] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/api/submissions/")) return;
    if (url.pathname.endsWith("/events")) seen.events.push(url.pathname);
    else if (url.searchParams.has("after")) seen.longPolls.push(`${url.pathname}${url.search}`);
    else seen.reads.push(url.pathname);
  });
  return seen;
}

/** Runs the examples with a right solution and waits for the score the result shows. */
async function runAndSeeScore(page: Page) {
  await page.goto(EXERCISE);
  await replaceCode(page, SOLUTION);
  await page.getByRole("button", { name: "Run examples", exact: true }).click();
  const result = await finalResult(page);
  await expect(result).toHaveAttribute("data-status", "graded");
  await expect(result.getByTestId("score")).toContainText("100 %");
}

test("the score is pushed to the page over the event stream: no polling", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "student2@demo.local");
  const seen = recordSubmissionRequests(page);
  await runAndSeeScore(page);
  expect(seen.events).toHaveLength(1);
  expect(seen.reads).toEqual([]);
  expect(seen.longPolls).toEqual([]);
  expect(violations).toEqual([]);
});

test("without EventSource the page long-polls and still gets the score", async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as unknown as { EventSource?: unknown }).EventSource;
  });
  await signIn(page, "student2@demo.local");
  const seen = recordSubmissionRequests(page);
  await runAndSeeScore(page);
  expect(seen.events).toEqual([]);
  expect(seen.reads).toEqual([]);
  expect(seen.longPolls.length).toBeGreaterThan(0);
  // Each long-poll waits for a change: a handful at most (queued → running → graded), never a poll loop.
  expect(seen.longPolls.length).toBeLessThanOrEqual(3);
});

test("behind a proxy that holds the event stream back, the page falls back to the long-poll", async ({ page }) => {
  // The stream's request is never answered: as a buffering proxy, nothing arrives.
  await page.route("**/api/submissions/*/events", () => {});
  await signIn(page, "student2@demo.local");
  const seen = recordSubmissionRequests(page);
  await runAndSeeScore(page);
  expect(seen.events).toHaveLength(1);
  expect(seen.reads).toEqual([]);
  expect(seen.longPolls.length).toBeGreaterThan(0);
});
