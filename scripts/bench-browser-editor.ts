/**
 * The `editor` part of `npm run bench:browser` (issue 22): what the typed editor costs the exercise page.
 * - initial: the JavaScript the page loads until its load event (script responses: bytes on the wire and
 *   decoded), measured in a fresh browser context (cold cache);
 * - firstFocus: what the editor's first focus fetches (the typed-editor chunk, the worker and whatever the
 *   worker loads), and the time from the focus event to the first completion list offering `tidy` after
 *   typing `tf.ti` (median of the runs, each in a fresh context: cold cache, cold worker).
 */
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Request } from "playwright";

/**
 * The same measurement on the base commit of issue 22 (4bcc449, before the typed editor), taken once with this
 * script on this machine (Chromium 156, batching exercise, 2026-12-07): the figure the change is held to.
 */
export const INITIAL_JS_BEFORE_TYPED_EDITOR = { commit: "4bcc449", requests: 9, transferBytes: 319_550, decodedBytes: 1_010_182 } as const;

export interface EditorBench {
  initialJs: { requests: number; transferBytes: number; decodedBytes: number; scripts: string[] };
  initialJsBefore: typeof INITIAL_JS_BEFORE_TYPED_EDITOR;
  firstFocus: {
    runs: number;
    failures: number;
    /** The typed editor's chunks, bytes on the wire. */
    scriptBytes: number;
    /** The worker script (with the bundled declarations): as served, and gzipped (what a compressing server sends). */
    workerBytes: number;
    workerGzipBytes: number;
    otherBytes: number;
    requests: string[];
    focusToCompletionsMs: { p50: number | null; min: number | null; max: number | null };
  } | null;
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function sizeOf(request: Request): Promise<{ transfer: number; decoded: number }> {
  const sizes = await request.sizes().catch(() => null);
  const response = await request.response();
  const body = response ? await response.body().catch(() => null) : null;
  return { transfer: sizes?.responseBodySize ?? 0, decoded: body?.length ?? 0 };
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** The page's JavaScript until its load event, from a cold cache. */
export async function measureInitialJs(browser: Browser, base: string, storageState: StorageState, url: string): Promise<EditorBench["initialJs"]> {
  const context = await browser.newContext({ baseURL: base, storageState });
  try {
    const page = await context.newPage();
    const finished: Request[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script") finished.push(request);
    });
    await page.goto(url, { waitUntil: "load" });
    const scripts = [...finished];
    let transferBytes = 0;
    let decodedBytes = 0;
    for (const request of scripts) {
      const size = await sizeOf(request);
      transferBytes += size.transfer;
      decodedBytes += size.decoded;
    }
    return { requests: scripts.length, transferBytes, decodedBytes, scripts: scripts.map((request) => pathOf(request.url())) };
  } finally {
    await context.close();
  }
}

/** One cold first focus: bytes fetched because of it, and ms from the focus event to the completion list. */
async function firstFocusOnce(browser: Browser, base: string, storageState: StorageState, url: string) {
  const context = await browser.newContext({ baseURL: base, storageState });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    // Route prefetches and the page's own follow-ups are done before the focus: what comes after is the editor's.
    await page.waitForLoadState("networkidle");
    const fetched: Request[] = [];
    context.on("requestfinished", (request) => void fetched.push(request));
    await page.evaluate(() => {
      const content = document.querySelector<HTMLElement>(".cm-content");
      if (!content) throw new Error("no editor on the page");
      const marks = window as unknown as { __focusAt?: number; __listAt?: number };
      content.addEventListener("focus", () => (marks.__focusAt ??= performance.now()), { once: true });
      const observer = new MutationObserver(() => {
        const options = [...document.querySelectorAll(".cm-tooltip-autocomplete li")];
        if (options.some((option) => option.textContent?.includes("tidy"))) {
          marks.__listAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("tf.ti");
    await page.waitForFunction(() => (window as unknown as { __listAt?: number }).__listAt !== undefined, null, { timeout: 30_000 });
    const ms = await page.evaluate(() => {
      const marks = window as unknown as { __focusAt: number; __listAt: number };
      return marks.__listAt - marks.__focusAt;
    });
    let scriptBytes = 0;
    let workerBytes = 0;
    let workerGzipBytes = 0;
    let otherBytes = 0;
    for (const request of fetched) {
      if (pathOf(request.url()).startsWith("/editor/")) {
        // Chromium gives Playwright no sizes for a worker's script: fetched again here, as served and gzipped.
        const body = Buffer.from(await (await fetch(request.url())).arrayBuffer());
        workerBytes += body.length;
        workerGzipBytes += gzipSync(body).length;
        continue;
      }
      const { transfer } = await sizeOf(request);
      if (request.resourceType() === "script") scriptBytes += transfer;
      else otherBytes += transfer;
    }
    return { ms, scriptBytes, workerBytes, workerGzipBytes, otherBytes, requests: fetched.map((request) => `${request.resourceType()} ${pathOf(request.url())}`) };
  } finally {
    await context.close();
  }
}

/** `runs` cold first focuses; bytes are those of the last successful run (they do not vary), times their median. */
export async function measureFirstFocus(browser: Browser, base: string, storageState: StorageState, url: string, runs: number): Promise<EditorBench["firstFocus"]> {
  const times: number[] = [];
  let failures = 0;
  let last: Awaited<ReturnType<typeof firstFocusOnce>> | null = null;
  for (let i = 0; i < runs; i++) {
    try {
      last = await firstFocusOnce(browser, base, storageState, url);
      times.push(last.ms);
    } catch (error) {
      if (process.env.BENCH_DEBUG) process.stderr.write(`bench:browser editor run ${i}: ${String(error)}\n`);
      failures++;
    }
  }
  if (!last) return { runs: 0, failures, scriptBytes: 0, workerBytes: 0, workerGzipBytes: 0, otherBytes: 0, requests: [], focusToCompletionsMs: { p50: null, min: null, max: null } };
  times.sort((a, b) => a - b);
  const round = (value: number | undefined) => (value === undefined ? null : Math.round(value));
  return {
    runs: times.length,
    failures,
    scriptBytes: last.scriptBytes,
    workerBytes: last.workerBytes,
    workerGzipBytes: last.workerGzipBytes,
    otherBytes: last.otherBytes,
    requests: last.requests,
    focusToCompletionsMs: { p50: round(times[Math.floor((times.length - 1) / 2)]), min: round(times[0]), max: round(times.at(-1)) },
  };
}
