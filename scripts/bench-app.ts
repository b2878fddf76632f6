/**
 * The app's half of `npm run bench` (issue 6): server render time of the exercise page and
 * submit→graded latency, measured over HTTP with plain `fetch` (no browser) against an app on
 * 127.0.0.1. Unless an app URL is given, the app is started here (`node scripts/start.mjs`: builds when
 * stale) on a free port with a fresh embedded database in a temporary DATA_DIR, and stopped at the end,
 * whatever happens. Every request goes to 127.0.0.1; counts and times are bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface BenchAppOptions {
  /** Fewer iterations. */
  quick?: boolean;
  /** Measure an app already running at this URL (http://127.0.0.1:<port>) instead of starting one. */
  appUrl?: string;
  /** Progress lines; stderr by default (stdout carries only the JSON). */
  log?: (line: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "tensorgrade";
const STUDENTS = ["student1@demo.local", "student2@demo.local", "student3@demo.local"];
const INSTRUCTOR = "instructor@demo.local";
const COURSE = "keras";
const RENDER_PAGES = ["adam", "steps-per-epoch"];
const CODE_EXERCISES = ["batching", "adam"];
const QUIZ = "steps-per-epoch";
const WARMUP = 3;
const POLL_MS = 25;
/** The server allows 12 submissions a minute per student; three students paced together: 36 a minute. */
const SUBMISSIONS_PER_MINUTE = 36;
const START_TIMEOUT_MS = 240_000;
const REQUEST_TIMEOUT_MS = 30_000;
const GRADING_TIMEOUT_MS = 30_000;
const SUBMISSION_PHASE_MS = 120_000;

const round = (x: number, d = 1) => Number(x.toFixed(d));

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
  return {
    n: s.length,
    p50Ms: round(rank(0.5)),
    p95Ms: round(rank(0.95)),
    meanMs: round(s.reduce((a, b) => a + b, 0) / s.length),
    maxMs: round(s[s.length - 1] ?? Number.NaN),
  };
}

/** Parses `--no-app` and `--app-url <url>` (or `--app-url=<url>`); null when the app is not to be measured. */
export function benchAppOptionsFromArgv(argv: string[], quick: boolean): BenchAppOptions | null {
  if (argv.includes("--no-app")) return null;
  let appUrl: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === "--app-url") appUrl = argv[i + 1];
    else if (arg.startsWith("--app-url=")) appUrl = arg.slice("--app-url=".length);
  });
  if (argv.includes("--app-url") && !appUrl) throw new Error("--app-url needs a URL, e.g. --app-url http://127.0.0.1:3000");
  return { quick, appUrl };
}

// ---------------------------------------------------------------------------------------------------
// HTTP with a cookie jar per account

class Client {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly base: URL,
    readonly email: string,
  ) {}

  async request(pathname: string, init: { method?: string; body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (method !== "GET") headers.origin = this.base.origin;
    if (init.type) headers["content-type"] = init.type;
    const response = await fetch(new URL(pathname, this.base), { method, headers, body: init.body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async json(pathname: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await this.request(pathname, init.body === undefined ? { method: init.method } : { method: init.method ?? "POST", body: JSON.stringify(init.body), type: "application/json" });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text for the error message */
    }
    return { status: response.status, body, headers: response.headers };
  }

  async signIn(): Promise<void> {
    const csrf = await this.json("/api/auth/csrf");
    const csrfToken = (csrf.body as { csrfToken?: unknown }).csrfToken;
    if (csrf.status !== 200 || typeof csrfToken !== "string") throw new Error(`bench-app: GET /api/auth/csrf answered ${csrf.status}: ${JSON.stringify(csrf.body)}`);
    const form = new URLSearchParams({ csrfToken, email: this.email, password: PASSWORD, json: "true" });
    const callback = await this.request("/api/auth/callback/credentials", { method: "POST", body: form.toString(), type: "application/x-www-form-urlencoded" });
    await callback.text();
    if (!this.cookies.has("next-auth.session-token")) throw new Error(`bench-app: signing in ${this.email} failed (HTTP ${callback.status}, no session cookie)`);
    const session = await this.json("/api/auth/session");
    const email = (session.body as { user?: { email?: unknown } }).user?.email;
    if (email !== this.email) throw new Error(`bench-app: the session of ${this.email} names ${JSON.stringify(email)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Starting and stopping the app

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("bench-app: could not find a free port");
  return address.port;
}

interface StartedApp {
  url: URL;
  startMs: number;
  built: boolean;
  stop: () => Promise<void>;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startApp(log: (line: string) => void): Promise<StartedApp> {
  const port = await freePort();
  const url = new URL(`http://127.0.0.1:${port}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "tg-bench-app-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, NEXTAUTH_URL: url.origin, SEED_DEMO: "true" };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  log(`bench-app: starting the app on ${url.origin} (DATA_DIR ${dataDir}; builds first if the build is stale)`);
  // A process group of its own, so that stopping it ends `next start` and the grader children too.
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid;
  if (pid === undefined) throw new Error("bench-app: could not start scripts/start.mjs");
  const tail: string[] = [];
  let built = false;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      if (line.includes("building the app")) built = true;
      tail.push(line);
      if (tail.length > 60) tail.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  // If this process ends first (an uncaught error, Ctrl-C: the app's group does not get the terminal's
  // signals), the app ends with it.
  const killOnExit = () => {
    if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
    const until = Date.now() + 3_000;
    while (groupAlive(pid) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("exit", killOnExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
    const deadline = performance.now() + 10_000;
    while (groupAlive(pid) && performance.now() < deadline) await sleep(100);
    if (groupAlive(pid)) {
      log("bench-app: the app did not stop within 10 s of SIGTERM; sending SIGKILL");
      process.kill(-pid, "SIGKILL");
    }
    await Promise.race([exit, sleep(5_000)]);
    process.removeListener("exit", killOnExit);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = t0 + START_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new Error(`bench-app: the app exited before it answered:\n${tail.join("\n")}`);
      if (performance.now() > deadline) throw new Error(`bench-app: /signin did not answer within ${START_TIMEOUT_MS / 1000} s:\n${tail.join("\n")}`);
      try {
        const response = await fetch(new URL("/signin", url), { redirect: "manual", signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.status === 200) break;
      } catch {
        /* not listening yet */
      }
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startMs = performance.now() - t0;
  log(`bench-app: the app answered after ${(startMs / 1000).toFixed(1)} s`);
  return { url, startMs, built, stop };
}

function loopbackUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") throw new Error(`bench-app: --app-url must be http://127.0.0.1:<port>, not ${raw}`);
  return new URL(url.origin);
}

// ---------------------------------------------------------------------------------------------------
// Measurements

async function renderTimes(client: Client, exerciseId: string, runs: number) {
  const pathname = `/courses/${COURSE}/exercises/${exerciseId}`;
  const total: number[] = [];
  const ttfb: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    const t = performance.now();
    const response = await client.request(pathname);
    const headersAt = performance.now();
    const body = await response.text();
    const done = performance.now();
    if (response.status !== 200 || !body.includes("<html")) throw new Error(`bench-app: GET ${pathname} as ${client.email} answered ${response.status} ${response.headers.get("location") ?? ""}`);
    if (i < WARMUP) continue;
    total.push(done - t);
    ttfb.push(headersAt - t);
    bytes = Buffer.byteLength(body);
  }
  const s = stats(total);
  return { p50Ms: s.p50Ms, p95Ms: s.p95Ms, meanMs: s.meanMs, ttfbP50Ms: stats(ttfb).p50Ms, htmlBytes: bytes };
}

interface Job {
  exerciseId: string;
  body: unknown;
}

interface Graded {
  ms: number;
  score: number | null;
}

/** One submission, from the POST until the grading is done (polling every POLL_MS). */
async function submitAndWait(client: Client, job: Job, deadline: number, shouldStop: () => boolean): Promise<Graded> {
  const pathname = `/api/courses/${COURSE}/exercises/${job.exerciseId}/submissions`;
  for (let attempt = 0; ; attempt++) {
    if (shouldStop()) throw new Error("bench-app: stopped after another submission failed");
    const t = performance.now();
    const created = await client.json(pathname, { body: job.body });
    if ((created.status === 429 || created.status === 409) && attempt < 5) {
      // Someone else's submission (an app given by --app-url) holds the limit: wait, bounded.
      const waitMs = created.status === 429 ? Number(created.headers.get("retry-after") ?? "5") * 1000 : 250;
      if (performance.now() + waitMs > deadline) throw new Error(`bench-app: ${job.exerciseId} as ${client.email}: HTTP ${created.status} and no time left to wait`);
      await sleep(waitMs);
      continue;
    }
    if (created.status !== 202) throw new Error(`bench-app: POST ${pathname} as ${client.email} answered ${created.status}: ${JSON.stringify(created.body)}`);
    const { id } = created.body as { id: string; status: string };
    let view = created.body as { id: string; status: string; score?: number | null; tests?: unknown };
    const limit = Math.min(deadline, t + GRADING_TIMEOUT_MS);
    while (view.status !== "graded" && view.status !== "error") {
      if (performance.now() > limit) throw new Error(`bench-app: submission ${id} (${job.exerciseId}) still ${view.status} after ${GRADING_TIMEOUT_MS / 1000} s`);
      await sleep(POLL_MS);
      const polled = await client.json(`/api/submissions/${id}`);
      if (polled.status !== 200) throw new Error(`bench-app: GET /api/submissions/${id} answered ${polled.status}: ${JSON.stringify(polled.body)}`);
      view = polled.body as typeof view;
    }
    const ms = performance.now() - t;
    if (view.status !== "graded") throw new Error(`bench-app: submission ${id} (${job.exerciseId}) ended in ${view.status}: ${JSON.stringify(view)}`);
    if (view.score === undefined) {
      // A quiz answers `graded` at once; its score is in the submission's view.
      const polled = await client.json(`/api/submissions/${id}`);
      view = polled.body as typeof view;
    }
    return { ms, score: view.score ?? null };
  }
}

/**
 * Runs the jobs round-robin over the clients: one submission in flight per student (each student's
 * jobs run one after another), starts paced at SUBMISSIONS_PER_MINUTE overall.
 */
async function paced(clients: Client[], jobs: Job[], deadline: number): Promise<Graded[]> {
  const interval = 60_000 / SUBMISSIONS_PER_MINUTE;
  const t0 = performance.now();
  let failed = false;
  const chains: Promise<unknown>[] = clients.map(() => Promise.resolve());
  const results = jobs.map((job, i) => {
    const k = i % clients.length;
    const client = clients[k]!;
    const result = (chains[k] ?? Promise.resolve()).then(async () => {
      const wait = t0 + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      return submitAndWait(client, job, deadline, () => failed);
    });
    chains[k] = result;
    result.catch(() => {
      failed = true;
    });
    return result;
  });
  return Promise.all(results);
}

function sourceOf(exerciseId: string): string {
  return readFileSync(path.join(ROOT, "exercises", exerciseId, "solution.ts"), "utf8");
}

/** Answers to the quiz; the numbers are not this student's (its variant is seeded per student), so the score is reported, not checked. */
const QUIZ_ANSWERS = { steps: "1", "total-updates": "1", "last-batch": "1", "double-batch": "1", "epoch-budget": "1", remainder: "a", "more-steps": ["a", "b"] };

export async function benchApp(options: BenchAppOptions = {}): Promise<object> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const quick = options.quick ?? false;
  const renderRuns = quick ? 10 : 30;
  const perExercise = quick ? 5 : 12;
  const quizPerStudent = 1;

  const started = options.appUrl ? null : await startApp(log);
  try {
    const base = started ? started.url : loopbackUrl(options.appUrl ?? "");
    const students = STUDENTS.map((email) => new Client(base, email));
    const instructor = new Client(base, INSTRUCTOR);
    let t = performance.now();
    for (const client of [...students, instructor]) await client.signIn();
    const signInMs = (performance.now() - t) / 4;

    log(`bench-app: render times (${renderRuns} requests per page after ${WARMUP} warm-up)`);
    const render: Record<string, unknown> = {};
    for (const id of RENDER_PAGES) render[id] = await renderTimes(students[0]!, id, renderRuns);

    // Code submissions: the exercises alternate; a comment makes every source new (no compile-cache hit).
    const sources = Object.fromEntries(CODE_EXERCISES.map((id) => [id, sourceOf(id)]));
    const jobs: Job[] = Array.from({ length: perExercise * CODE_EXERCISES.length }, (_, i) => {
      const exerciseId = CODE_EXERCISES[i % CODE_EXERCISES.length]!;
      return { exerciseId, body: { code: `${sources[exerciseId]}\n// bench submission ${i} ${Date.now()}\n` } };
    });
    t = performance.now();
    const deadline = t + SUBMISSION_PHASE_MS;
    // Warm-up, not in the figures: the instructor (rate-limited on its own) submits each exercise once,
    // so the first gradings (grader processes, caches) are timed apart.
    const firstSubmissionMs: Record<string, number> = {};
    for (const id of CODE_EXERCISES) {
      const first = await submitAndWait(instructor, { exerciseId: id, body: { code: `${sources[id]}\n// bench warm-up\n` } }, deadline, () => false);
      if (first.score !== 1) throw new Error(`bench-app: the correct ${id} solution scored ${first.score} instead of 1 (instructor warm-up)`);
      firstSubmissionMs[id] = round(first.ms);
    }
    log(`bench-app: ${jobs.length} code submissions, round-robin over ${students.length} students, ${SUBMISSIONS_PER_MINUTE}/min`);
    const paceStart = performance.now();
    const graded = await paced(students, jobs, deadline);
    const codePhaseMs = performance.now() - paceStart;
    const submitToGraded: Record<string, unknown> = {};
    for (const id of CODE_EXERCISES) {
      const mine = graded.filter((_, i) => jobs[i]!.exerciseId === id);
      const wrong = mine.filter((g) => g.score !== 1);
      if (wrong.length) throw new Error(`bench-app: a correct ${id} solution scored ${wrong.map((g) => g.score).join(", ")} instead of 1`);
      const s = stats(mine.map((g) => g.ms));
      submitToGraded[id] = { n: s.n, p50Ms: s.p50Ms, p95Ms: s.p95Ms, maxMs: s.maxMs, score: 1 };
    }

    const quizJobs: Job[] = Array.from({ length: quizPerStudent * students.length }, () => ({ exerciseId: QUIZ, body: { answers: QUIZ_ANSWERS } }));
    const quiz = await paced(students, quizJobs, performance.now() + 30_000);
    const qs = stats(quiz.map((g) => g.ms));
    submitToGraded.quiz = {
      exercise: QUIZ,
      n: qs.n,
      p50Ms: qs.p50Ms,
      p95Ms: qs.p95Ms,
      maxMs: qs.maxMs,
      scores: quiz.map((g) => (g.score === null ? null : round(g.score, 3))),
      note: "graded in the POST itself; fixed answers (each student's numbers differ), so the score is not checked",
    };

    return {
      submissionsInAll: CODE_EXERCISES.length + jobs.length + quizJobs.length,
      target: started ? `${base.origin}: started by the benchmark (npm start, fresh embedded database)` : `${base.origin}: given by --app-url`,
      ...(started ? { appStartMs: Math.round(started.startMs), buildIncluded: started.built } : {}),
      signInMs: round(signInMs),
      renderExercisePage: {
        note: `GET /courses/${COURSE}/exercises/<id> as a signed-in student, sequential, ${WARMUP} warm-up requests first; ms until the whole HTML is read (ttfb: until the headers)`,
        requests: renderRuns,
        ...render,
      },
      submitToGraded: {
        note: `POST …/submissions with a correct solution (a comment makes each source new) until GET /api/submissions/<id> says graded, polled every ${POLL_MS} ms; ${students.length} students round-robin, one in flight per student, starts paced at ${SUBMISSIONS_PER_MINUTE}/min`,
        codeSubmissions: jobs.length,
        warmUpFirstSubmissionMs: firstSubmissionMs,
        codePhaseMs: Math.round(codePhaseMs),
        ...submitToGraded,
      },
    };
  } finally {
    if (started) {
      log("bench-app: stopping the app");
      await started.stop();
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const quick = process.argv.includes("--quick");
  benchApp(benchAppOptionsFromArgv(process.argv, quick) ?? { quick })
    .then((out) => process.stdout.write(`${JSON.stringify(out, null, 2)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    });
}
