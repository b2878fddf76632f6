import { readFileSync, readlinkSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artefactFromDisk } from "@/lib/exercises/artefacts";
import { GraderPool } from "@/lib/grading/pool/pool";
import { canIsolateNetwork } from "@/lib/grading/pool/privileges";
import { HONEST_SOFTMAX } from "./attacks";

const CANARY = `canary-${process.pid}-${Date.now()}`;
let pool: GraderPool;

beforeAll(async () => {
  process.env.TG_CANARY = CANARY;
  process.env.DATABASE_URL = `postgres://user:${CANARY}@db/x`;
  process.env.AUTH_SECRET = CANARY;
  pool = new GraderPool({ size: 1, graceMs: 300, artefactOf: artefactFromDisk });
  await pool.ready();
});
afterAll(async () => {
  await pool.close();
  delete process.env.TG_CANARY;
  delete process.env.DATABASE_URL;
  delete process.env.AUTH_SECRET;
});

const honest = () => pool.grade("softmax", HONEST_SOFTMAX);

describe("grader children", () => {
  it("get a scrubbed environment without secrets or the canary", () => {
    const [pid] = pool.pids();
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
    expect(environ).not.toContain(CANARY);
    expect(environ).not.toContain("DATABASE_URL");
    expect(environ).not.toContain("AUTH_SECRET");
  });

  it("drop root and lose the network where the OS allows it", () => {
    const [pid] = pool.pids();
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    if (process.getuid?.() === 0) expect(uid).toBe("65534");
    if (canIsolateNetwork()) expect(readlinkSync(`/proc/${pid}/ns/net`)).not.toBe(readlinkSync("/proc/self/ns/net"));
  });

  it("a child killed from outside is replaced and grading goes on", async () => {
    const [pid] = pool.pids();
    process.kill(pid ?? -1, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    expect(await honest()).toMatchObject({ status: "graded", score: 1 });
    expect(pool.pids()[0]).not.toBe(pid);
  });

  it("the supervisor SIGKILLs an overrunning child: verdict timeout, earlier tests keep their results", async () => {
    const src = `export function softmax(logits: number[][]) { if (logits[0]![0] === 1000) for (;;) {} return logits.map((r) => { const m = Math.max(...r); const e = r.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b); return e.map((v) => v / s); }); }`;
    const [before] = pool.pids();
    // The in-isolate limit (20 s) is longer than the submission's: only the supervisor can stop it.
    const r = await pool.grade("softmax", src, { callMs: 20_000, submissionMs: 1_000 });
    expect(r.status).toBe("timeout");
    expect(r.tests[0]).toMatchObject({ passed: true });
    expect(r.tests.find((t) => t.name === "large logits")?.message).toMatch(/not run/);
    expect(r.score).toBeGreaterThan(0);
    expect(pool.pids()[0]).not.toBe(before);
    expect(await honest()).toMatchObject({ status: "graded", score: 1 });
  });

  it("an infrastructure failure is retried once, then reported as error", async () => {
    const r = await pool.grade("no-such-exercise", HONEST_SOFTMAX);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/failed twice/);
    expect(await honest()).toMatchObject({ status: "graded", score: 1 });
  });
});
