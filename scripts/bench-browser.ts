/**
 * npm run bench:browser -- [--runs 20] [--port 3390] [--exercise batching] [--editor-runs 5] [--only editor]
 *
 * How long a student waits in the browser: click on "Run examples" → the score on the page, measured in
 * Debian's Chromium on an otherwise idle app. It starts the built app (`npm run build` first) on
 * 127.0.0.1 with a fresh embedded database seeded with the demo course, signs in as the demo student,
 * and Runs the exercise's reference solution `--runs` times (at most 25: Runs are limited to 30 a
 * minute per student, and a Run goes through the same queue, grader and push channel as a Submit
 * without spending an attempt). Each time the page is loaded afresh, then the time from the click
 * event to the graded score in the DOM (a MutationObserver) and to the next frame after it is taken
 * with performance.now() in the page. Bounded: 90 s for the app to start, 10 s per Run, 6 min in all.
 * The `editor` key (issue 22, scripts/bench-browser-editor.ts): the exercise page's initial JavaScript, what
 * the editor's first focus loads (the typed editor, its worker) and the time from that focus to the first
 * completion list. `--only editor` skips the Run timings.
 * Prints one JSON line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright";
import { DEMO_COURSE, DEMO_PASSWORD } from "../lib/seed/demo";
import { INITIAL_JS_BEFORE_TYPED_EDITOR, measureFirstFocus, measureInitialJs, type EditorBench } from "./bench-browser-editor";

const ROOT = path.resolve(import.meta.dirname, "..");
const STUDENT = "student1@demo.local";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const RUN_TIMEOUT_MS = 10_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const runs = Math.min(25, Math.max(1, Number(option("runs", "20"))));
const port = Number(option("port", "3390"));
const exercise = option("exercise", "batching");
const editorRuns = Math.min(10, Math.max(0, Number(option("editor-runs", "5"))));
const onlyEditor = option("only", "") === "editor";
if (!/^[a-z0-9-]+$/.test(exercise)) throw new Error("--exercise must be an exercise id");
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let app: ChildProcess | null = null;

async function stopApp(): Promise<void> {
  if (!app || app.exitCode !== null || app.signalCode !== null) return;
  app.kill("SIGTERM");
  const deadline = Date.now() + 20_000;
  while (app.exitCode === null && app.signalCode === null && Date.now() < deadline) await sleep(100);
  if (app.exitCode === null && app.signalCode === null) app.kill("SIGKILL");
}

async function waitForApp(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await sleep(300);
  }
  throw new Error("the app did not become healthy in time");
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/**
 * Arms the page: the time of the next click on the Run button, then of the first graded score in the
 * result (the DOM), then of the frame after it. Resolves to both durations in ms from the click.
 */
function armMeasurement(page: Page): Promise<{ dom: number; frame: number }> {
  return page.evaluate(
    (timeoutMs) =>
      new Promise<{ dom: number; frame: number }>((resolve, reject) => {
        const button = [...document.querySelectorAll("button")].find((element) => element.textContent?.trim() === "Run examples");
        if (!button) return reject(new Error("no Run examples button"));
        let clickedAt = 0;
        button.addEventListener("click", () => (clickedAt = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (!clickedAt || !document.querySelector('[data-testid="submission-result"][data-status="graded"] [data-testid="score"]')) return;
          const dom = performance.now() - clickedAt;
          observer.disconnect();
          requestAnimationFrame(() => resolve({ dom, frame: performance.now() - clickedAt }));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => reject(new Error("no graded score in time")), timeoutMs);
      }),
    RUN_TIMEOUT_MS,
  );
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const code = await readFile(path.join(ROOT, "exercises", exercise, "solution.ts"), "utf8");
  const dataDir = await mkdtemp(path.join(tmpdir(), "tensorgrade-bench-browser-"));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    app = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NEXTAUTH_URL: base,
        AUTH_SECRET: randomBytes(32).toString("hex"),
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        SEED_DEMO: "true",
        NEXT_MANUAL_SIG_HANDLE: "true",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", process.env.BENCH_DEBUG ? "inherit" : "ignore"],
    });
    await waitForApp(Date.now() + 90_000);

    const signedIn = await browser.newContext({ baseURL: base });
    const page = await signedIn.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(STUDENT);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Your courses" }).waitFor();

    const url = `/courses/${DEMO_COURSE.slug}/exercises/${exercise}`;
    const storageState = await signedIn.storageState();
    const editor: EditorBench = {
      initialJs: await measureInitialJs(browser, base, storageState, url),
      initialJsBefore: INITIAL_JS_BEFORE_TYPED_EDITOR,
      firstFocus: editorRuns > 0 ? await measureFirstFocus(browser, base, storageState, url, editorRuns) : null,
    };
    const dom: number[] = [];
    const frame: number[] = [];
    let failures = 0;
    // The first Run warms the grader and the page's code paths: not counted.
    for (let i = 0; i <= (onlyEditor ? -1 : runs); i++) {
      await page.goto(url);
      const editor = page.locator(".cm-content");
      await editor.click();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(code);
      const measured = armMeasurement(page);
      await page.getByRole("button", { name: "Run examples", exact: true }).click();
      try {
        const times = await measured;
        if (i > 0) {
          dom.push(times.dom);
          frame.push(times.frame);
        }
      } catch {
        if (i > 0) failures++;
      }
      // The app idle again between Runs: nothing of this Run's follow-up in the next one's time.
      await sleep(250);
    }
    dom.sort((a, b) => a - b);
    frame.sort((a, b) => a - b);
    const result = {
      benchmark: "browser: click on Run examples → graded score on the page (idle app, embedded mode)",
      exercise,
      runs: dom.length,
      failures,
      scoreInDom: { p50: percentile(dom, 50), p95: percentile(dom, 95), unit: "ms" },
      scorePainted: { p50: percentile(frame, 50), p95: percentile(frame, 95), unit: "ms" },
      editor,
      browser: `Chromium ${browser.version()}`,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version },
      date: new Date().toISOString(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close().catch(() => {});
    await stopApp();
    await rm(dataDir, { recursive: true, force: true });
  }
}

setTimeout(() => {
  process.stderr.write("bench:browser: overall time limit reached\n");
  void stopApp().finally(() => process.exit(1));
}, 360_000).unref();

main().catch(async (error: unknown) => {
  process.stderr.write(`bench:browser: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopApp();
  process.exit(1);
});
