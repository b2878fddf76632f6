import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artefactFromDisk } from "@/lib/exercises/artefacts";
import { GraderPool } from "@/lib/grading/pool/pool";
import { ATTACKS, HONEST_SOFTMAX } from "./attacks";

// Tight limits keep the suite short; one grader process makes "the next submission" deterministic.
const LIMITS = { callMs: 300, loadMs: 500, submissionMs: 4_000, memoryMb: 128 };
let pool: GraderPool;

beforeAll(async () => {
  pool = new GraderPool({ size: 1, graceMs: 2_000, artefactOf: artefactFromDisk });
  await pool.ready();
});
afterAll(async () => {
  await pool.close();
});

describe("attack suite", () => {
  it("has at least 30 hostile submissions", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ATTACKS.map((a) => [a.name, a] as const))("%s", async (_name, attack) => {
    // An attack may widen a limit: filling 128 MB takes 250–450 ms here (over 1 s at a load average of
    // 5 on 2 cores), so the memory bombs raced the 300/500 ms time limits and got "timeout".
    const r = await pool.grade(attack.exercise, attack.source, { ...LIMITS, ...attack.limits });
    attack.check(r);
    const honest = await pool.grade("softmax", HONEST_SOFTMAX, LIMITS);
    expect(honest.tests.filter((t) => !t.passed)).toEqual([]);
    expect(honest).toMatchObject({ status: "graded", score: 1 });
    expect(honest.console).toContain("state undefined undefined number function undefined undefined undefined");
  });
});
