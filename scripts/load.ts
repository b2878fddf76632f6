/**
 * npm run load -- [--mode embedded|server] [--students 50] [--seconds 60] [--port 3300]
 *                  [--channel sse|poll] [--think-ms 5000]
 *
 * A bounded load test on 127.0.0.1 only. It prepares a fresh database (embedded: a new DATA_DIR;
 * server: a new PostgreSQL database on LOAD_ADMIN_URL or DATABASE_URL, plus two `npm run worker`
 * processes), creates N load-test students enrolled in the demo course, starts the built app
 * (`npm run build` first), signs every student in over HTTP and has each one Run/Submit a small
 * exercise for the given time, waiting on 409 (one grading at a time) and 429 (Retry-After). Each
 * client learns of the grade on the submission's event stream like the browser (`--channel poll`:
 * GET every 300 ms, as before push) and reads it for about `--think-ms` before the next try (0: at
 * once, which measures the capacity rather than a class). Then it waits (bounded) for what is still being graded, stops everything and prints one JSON line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { enrolUser, findCourseBySlug } from "../lib/courses/courses";
import { DEMO_COURSE, seedDemo } from "../lib/seed/demo";
import { createUser } from "../lib/users/users";
import { submissions } from "../lib/db/schema";
import { inArray } from "drizzle-orm";

const ROOT = path.resolve(import.meta.dirname, "..");
const EXERCISE = "batching";
const PASSWORD = "load-test-password";
const LOAD_LIMIT_SECONDS = 60;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const mode = option("mode", "embedded");
if (mode !== "embedded" && mode !== "server") throw new Error("--mode must be embedded or server");
const students = Math.min(200, Math.max(1, Number(option("students", "50"))));
const seconds = Math.min(LOAD_LIMIT_SECONDS, Math.max(5, Number(option("seconds", "60"))));
const port = Number(option("port", "3300"));
/** How the clients learn of the grade: the event stream, like the browser, or polling as before push. */
const channel = option("channel", "sse");
if (channel !== "sse" && channel !== "poll") throw new Error("--channel must be sse or poll");
/** A student's pause between seeing a grade and the next try, in ms (uniform in ±50 %); 0: none. */
const thinkMs = Math.max(0, Number(option("think-ms", "5000")));
const base = `http://127.0.0.1:${port}`;
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process this script started is stopped (SIGTERM, then SIGKILL) however it ends. */
async function stopChildren(): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  const deadline = Date.now() + 30_000;
  while (children.some((child) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) await sleep(200);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

function start(args: string[], env: Record<string, string>, label: string): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr!.on("data", (chunk: Buffer) => process.env.LOAD_DEBUG && process.stderr.write(`[${label}] ${chunk}`));
  child.stdout!.on("data", (chunk: Buffer) => process.env.LOAD_DEBUG && process.stderr.write(`[${label}] ${chunk}`));
  children.push(child);
  return child;
}

/** A fresh database with the demo course and N students enrolled, through the app's own functions. */
async function prepare(options: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    const course = await findCourseBySlug(handle.db, DEMO_COURSE.slug);
    if (!course) throw new Error("demo course missing after seeding");
    const emails: string[] = [];
    for (let i = 1; i <= students; i++) {
      const email = `load-student-${String(i).padStart(3, "0")}@load.local`;
      const user = await createUser(handle.db, { email, name: `Load Student ${i}`, password: PASSWORD });
      await enrolUser(handle.db, course.id, user.id, "student");
      emails.push(email);
    }
    return emails;
  } finally {
    await handle.close();
  }
}

class Session {
  private readonly cookies = new Map<string, string>();
  constructor(readonly email: string) {}
  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    headers.set("origin", base);
    const response = await fetch(`${base}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }
  async signIn(): Promise<void> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email: this.email, password: PASSWORD, callbackUrl: base, json: "true" });
    const response = await this.fetch("/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    await response.arrayBuffer();
    if (![...this.cookies.keys()].some((name) => name.includes("session-token"))) throw new Error(`sign-in failed for ${this.email} (${response.status})`);
  }
}

const stats = { submissions: 0, graded: 0, errors: 0, rateLimited: 0, conflicts: 0, latencies: [] as number[] };
/** What each client saw of its graded submissions (epoch ms), to match with the row's own timings. */
const seenById = new Map<string, { sent: number; accepted: number; seen: number }>();

/** One student: Run (mostly) or Submit, wait for the grade, again until the time is up. */
async function student(session: Session, code: string, until: number): Promise<void> {
  let submits = 0;
  while (Date.now() < until) {
    const submitMode = submits < 2 && Math.random() < 0.2 ? "submit" : "run";
    const sent = Date.now();
    let response: Response;
    try {
      response = await session.fetch(`/api/courses/${DEMO_COURSE.slug}/exercises/${EXERCISE}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code, mode: submitMode }),
      });
    } catch {
      stats.errors++;
      await sleep(1_000);
      continue;
    }
    if (response.status === 429) {
      stats.rateLimited++;
      await response.arrayBuffer();
      await sleep(Math.max(0, Math.min(until - Date.now(), Number(response.headers.get("retry-after") ?? "5") * 1000)));
      continue;
    }
    if (response.status === 409) {
      stats.conflicts++;
      await response.arrayBuffer();
      await sleep(1_000);
      continue;
    }
    if (response.status !== 202) {
      stats.errors++;
      await response.arrayBuffer();
      if (submitMode === "submit") submits = 2; // attempts used up or closed: Run only from now on
      await sleep(1_000);
      continue;
    }
    if (submitMode === "submit") submits++;
    stats.submissions++;
    const { id } = (await response.json()) as { id: string };
    const accepted = Date.now();
    const deadline = until + 30_000;
    const status = channel === "sse" ? await followEvents(session, id, deadline) : await pollStatus(session, id, deadline);
    if (status === "graded") {
      const seen = Date.now();
      stats.graded++;
      stats.latencies.push(seen - sent);
      seenById.set(id, { sent, accepted, seen });
    } else stats.errors++;
    // Reading the result before the next try.
    if (thinkMs > 0) await sleep(Math.min(Math.max(0, until - Date.now()), thinkMs * (0.5 + Math.random())));
  }
}

const isFinal = (status: string | undefined) => status === "graded" || status === "error";

/**
 * Follows a submission on its event stream, as the browser does (GET /api/submissions/[id]/events,
 * Server-Sent Events: `event: submission` with the submission's JSON, ending after a final state),
 * parsed from fetch's body. Reconnects if a stream ends early. The final status, or null by `deadline`.
 */
async function followEvents(session: Session, id: string, deadline: number): Promise<string | null> {
  while (Date.now() < deadline) {
    try {
      const response = await session.fetch(`/api/submissions/${id}/events`, { headers: { accept: "text/event-stream" }, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      if (!response.ok || !response.body) {
        await response.arrayBuffer();
        await sleep(1_000);
        continue;
      }
      let buffer = "";
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event.name !== "submission") continue;
          const status = (JSON.parse(event.data) as { status?: string }).status;
          if (isFinal(status)) {
            await reader.cancel().catch(() => {});
            return status!;
          }
        }
      }
    } catch {
      await sleep(300);
    }
  }
  return null;
}

function parseEvent(block: string): { name: string; data: string } {
  let name = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { name, data: data.join("\n") };
}

/** The channel before push: GET /api/submissions/[id] every 300 ms. The final status, or null by `deadline`. */
async function pollStatus(session: Session, id: string, deadline: number): Promise<string | null> {
  while (Date.now() < deadline) {
    await sleep(300);
    const view = await session.fetch(`/api/submissions/${id}`).then((r) => (r.ok ? (r.json() as Promise<{ status: string }>) : null)).catch(() => null);
    if (view && isFinal(view.status)) return view.status;
  }
  return null;
}

/** While the load runs, a page render every second: the app must keep serving pages. */
async function probePages(session: Session, until: number): Promise<{ p50: number | null; p95: number | null; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  while (Date.now() < until) {
    const started = Date.now();
    const ok = await session.fetch(`/courses/${DEMO_COURSE.slug}`).then(async (r) => (await r.arrayBuffer(), r.ok), () => false);
    if (ok) times.push(Date.now() - started);
    else failures++;
    await sleep(1_000);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), failures };
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Segment = "submitRequest" | "createdToClaimed" | "claimedToStarted" | "startedToGraded" | "gradedToSeen";

/**
 * Where the time of each graded submission went, from its row's timings (created, claimed, started,
 * graded: written by the app and the workers on this machine's clock) and what its client saw (sent,
 * 202 received, graded seen): p50/p95 of each segment in ms.
 */
async function segments(options: { databaseUrl?: string; dataDir: string }): Promise<Record<Segment, { p50: number | null; p95: number | null }>> {
  const handle = await openDatabase(options);
  const values: Record<Segment, number[]> = { submitRequest: [], createdToClaimed: [], claimedToStarted: [], startedToGraded: [], gradedToSeen: [] };
  try {
    const ids = [...seenById.keys()];
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await handle.db
        .select({ id: submissions.id, created: submissions.createdAt, claimed: submissions.claimedAt, started: submissions.startedAt, graded: submissions.gradedAt })
        .from(submissions)
        .where(inArray(submissions.id, ids.slice(start, start + 500)));
      for (const row of rows) {
        const client = seenById.get(row.id)!;
        values.submitRequest.push(client.accepted - client.sent);
        if (row.claimed) values.createdToClaimed.push(row.claimed.getTime() - row.created.getTime());
        if (row.claimed && row.started) values.claimedToStarted.push(row.started.getTime() - row.claimed.getTime());
        if (row.started && row.graded) values.startedToGraded.push(row.graded.getTime() - row.started.getTime());
        if (row.graded) values.gradedToSeen.push(client.seen - row.graded.getTime());
      }
    }
  } finally {
    await handle.close();
  }
  const summary = {} as Record<Segment, { p50: number | null; p95: number | null }>;
  for (const [name, list] of Object.entries(values) as [Segment, number[]][]) {
    list.sort((a, b) => a - b);
    summary[name] = { p50: percentile(list, 50), p95: percentile(list, 95) };
  }
  return summary;
}

async function waitForApp(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(500);
  }
  throw new Error("the app did not become healthy in time");
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const code = await readFile(path.join(ROOT, "exercises", EXERCISE, "solution.ts"), "utf8");
  const appEnv: Record<string, string> = {
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: base,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "true",
    NEXT_MANUAL_SIG_HANDLE: "true",
    LOG_LEVEL: "warn",
  };
  let cleanup: () => Promise<void> = async () => {};
  let emails: string[];
  let database: { databaseUrl?: string; dataDir: string };
  if (mode === "embedded") {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tensorgrade-load-"));
    cleanup = () => rm(dataDir, { recursive: true, force: true });
    database = { dataDir };
    emails = await prepare(database);
    Object.assign(appEnv, { DATA_DIR: dataDir, DATABASE_URL: "" });
  } else {
    const admin = option("admin-url", process.env.LOAD_ADMIN_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
    if (!/@(127\.0\.0\.1|localhost)[:/]/.test(admin)) throw new Error("the load test runs against 127.0.0.1 only");
    const name = `tensorgrade_load_${Date.now()}`;
    const sql = postgres(admin, { max: 1, onnotice: () => {} });
    await sql.unsafe(`create database "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    cleanup = async () => {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    };
    database = { databaseUrl: url.toString(), dataDir: "unused" };
    emails = await prepare(database);
    Object.assign(appEnv, { DATABASE_URL: url.toString(), GRADE_IN_APP: "false" });
    for (let i = 0; i < 2; i++) {
      start(["--import", "tsx", "scripts/worker.ts"], { DATABASE_URL: url.toString(), GRADER_POOL_SIZE: "1", LOG_LEVEL: "warn" }, `worker${i + 1}`);
    }
  }
  try {
    start([path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], appEnv, "app");
    await waitForApp(Date.now() + 180_000);
    const sessions = emails.map((email) => new Session(email));
    for (const session of sessions) await session.signIn();
    // Warm-up: one graded Run, so grader start-up is not counted as load.
    await student(sessions[0]!, code, Date.now() + 1);
    Object.assign(stats, { submissions: 0, graded: 0, errors: 0, rateLimited: 0, conflicts: 0, latencies: [] });

    const started = Date.now();
    const until = started + seconds * 1000;
    const pages = probePages(sessions[0]!, until);
    // Students start spread over one think time (1 s without one), as a class already at work is: not
    // all in the same second.
    const spread = Math.max(1_000, thinkMs);
    await Promise.all(sessions.map((session, i) => sleep((i * spread) / sessions.length).then(() => student(session, code, until))));
    const pageDuringLoad = { ...(await pages), unit: "ms", page: `/courses/${DEMO_COURSE.slug}` };
    const elapsed = (Date.now() - started) / 1000;
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const result = {
      mode,
      students,
      channel,
      thinkMs,
      durationSeconds: Math.round(elapsed * 10) / 10,
      submissions: stats.submissions,
      graded: stats.graded,
      submissionsPerSecond: Math.round((stats.submissions / seconds) * 100) / 100,
      submitToGraded: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), unit: "ms" },
      errors: stats.errors,
      rateLimited: stats.rateLimited,
      conflicts: stats.conflicts,
      pageDuringLoad,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version },
      topology: mode === "embedded" ? "1 app process (PGlite, grader pool of one per CPU)" : "1 app process + 2 workers (grader pool of 1 each) on PostgreSQL",
    };
    // Embedded: the app owns the PGlite files until it stops, so the rows are read after.
    await stopChildren();
    const perSegment = { ...(await segments(database)), unit: "ms" };
    process.stdout.write(`${JSON.stringify({ ...result, segments: perSegment, date: new Date().toISOString() })}\n`);
  } finally {
    await stopChildren();
    await cleanup();
  }
}

// Whatever happens, the script ends: startup (180 s) + load (≤ 60 s) + draining (30 s) + stopping.
setTimeout(() => {
  process.stderr.write("load: overall time limit reached\n");
  void stopChildren().finally(() => process.exit(1));
}, 330_000).unref();

main().catch(async (error: unknown) => {
  process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopChildren();
  process.exit(1);
});
