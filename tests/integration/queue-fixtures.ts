/** Shared setup of the queue-*.test.ts files (not a test file itself). */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Db } from "@/lib/db";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createDatabaseOnServer as createDatabaseOn, freshPglite } from "@/tests/helpers/test-database";
import type { GradingArtefact } from "@/lib/grading/artefact";
import type { EngineResult } from "@/lib/grading/result";
import { listStoredJobs, type StoredJob } from "@/lib/queue/pg-boss/tables";
import type { JobType } from "@/lib/queue/port";
import type { OwnedGrader } from "@/lib/startup/queue-node";

export interface QueueBackend {
  name: "pglite" | "postgres";
  /** A fresh migrated database; `url` is set for PostgreSQL (pg-boss opens its own pool on it). */
  create(): Promise<{ handle: DatabaseHandle; url?: string; drop(): Promise<void> }>;
}

const pglite: QueueBackend = {
  name: "pglite",
  async create() {
    const handle = await freshPglite();
    return { handle, drop: () => handle.close() };
  },
};

export const adminUrl = process.env.DATABASE_URL?.trim() || undefined;

/** A fresh PostgreSQL database on the DATABASE_URL server, dropped (with its connections) by drop(). */
export async function createPostgresDatabase(): Promise<{ handle: DatabaseHandle; url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error("DATABASE_URL is not set");
  const name = `tensorgrade_queue_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const { migrated } = await createDatabaseOn(admin, name, true);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
  if (!migrated) await migrateDatabase(handle);
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** PGlite always; PostgreSQL too whenever DATABASE_URL is set. */
export function queueBackends(): QueueBackend[] {
  return adminUrl ? [pglite, { name: "postgres", create: createPostgresDatabase }] : [pglite];
}

type Verdict = EngineResult["status"];

/**
 * Grades by a script instead of a sandbox: the queue around the grader is under test. `plan` picks
 * each call's status (default: graded); `gate`, while set, holds every call.
 */
export class ScriptedGrader implements OwnedGrader {
  calls: string[] = [];
  gate: Promise<void> | null = null;
  plan: (call: number, source: string) => Verdict = () => "graded";
  closed = false;
  async grade(_exercise: GradingArtefact, source: string): Promise<EngineResult> {
    const call = this.calls.push(source);
    await this.gate;
    const status = this.plan(call, source);
    const right = source.includes("Math.ceil");
    return {
      status,
      score: status === "error" ? 0 : right ? 1 : 0.5,
      durationMs: 1,
      console: "",
      message: status === "graded" ? undefined : `scripted ${status}`,
      tests: status === "error" ? [] : [
        { name: "example: stepsPerEpoch(10, 3)", passed: right, message: "" },
        { name: "steps with a smaller last batch", passed: right, message: "" },
      ],
    };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A gate the test opens by hand. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Jobs of a job type with their state and delivery count, read from the queue adapter's table. */
export function jobsOf(db: Db, type: JobType<unknown>): Promise<StoredJob[]> {
  return listStoredJobs(db, type);
}
