import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { LATE_POLICY_KINDS, latePenaltyFactor, penalizedScore, type LatePolicy } from "@/lib/scoring/late-policy";
import { latePenaltyFactorSql, penalizedScoreSql } from "@/lib/scoring/late-policy-sql";
import { testBackends } from "../../helpers/test-database";

const DAY = 86_400_000;
const due = Date.parse("2026-12-01T12:00:00.000Z");

/** An instant as PostgreSQL text with microseconds, which a JavaScript Date cannot hold. */
const instant = fc
  .tuple(fc.integer({ min: -3 * DAY, max: 12 * DAY }), fc.integer({ min: 0, max: 999 }))
  .map(([ms, micros]) => `${new Date(due + ms).toISOString().slice(0, -1)}${String(micros).padStart(3, "0")}Z`);
/** Mostly near a day boundary after the due date, where "started days" flips. */
const nearDayBoundary = fc
  .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 999 }))
  .map(([days, ms, micros]) => `${new Date(due + days * DAY + ms).toISOString().slice(0, -1)}${String(micros).padStart(3, "0")}Z`);

const cases = fc.record({
  kind: fc.constantFrom(...LATE_POLICY_KINDS),
  waived: fc.boolean(),
  hasDue: fc.boolean(),
  /** numeric(5,2), 0..100, as the column stores it. */
  perDay: fc.integer({ min: 0, max: 10_000 }).map((cents) => (cents / 100).toFixed(2)),
  cutoff: fc.option(fc.integer({ min: 0, max: 8 * DAY }), { nil: null }),
  submittedAt: fc.oneof(instant, nearDayBoundary),
  /** real, 0..1 (grades are often thirds and tenths), or not graded. */
  score: fc.option(fc.oneof(fc.constantFrom(0, 0.1, 0.7, 1 / 3, 2 / 3, 1), fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 10_000_000)), { nil: null }),
});

for (const backend of testBackends()) {
  describe(`late policy in SQL agrees with TypeScript (${backend.name})`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const created = await backend.create();
      db = created.handle.db;
      drop = created.drop;
    });
    afterAll(() => drop());

    it("gives the same factor and penalized score, to the last bit, on generated policies and attempts", async () => {
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const dueAt = c.hasDue ? new Date(due).toISOString() : null;
          const cutoffAt = c.hasDue && c.cutoff !== null ? new Date(due + c.cutoff).toISOString() : null;
          const policySql = {
            dueAt: sql`${dueAt}::timestamptz`,
            latePolicy: sql`${c.kind}::late_policy_kind`,
            latePenaltyPerDay: sql`${c.perDay}::numeric(5,2)`,
            lateCutoffAt: sql`${cutoffAt}::timestamptz`,
            lateWaived: sql`${c.waived}::boolean`,
          };
          const submittedAt = sql`${c.submittedAt}::timestamptz`;
          const score = sql`${c.score === null ? null : String(c.score)}::real`;
          const rows = await execute(
            db,
            sql`select ${submittedAt} as submitted_at, ${score} as score,
              ${latePenaltyFactorSql(policySql, submittedAt)} as factor,
              ${penalizedScoreSql(policySql, submittedAt, score)} as penalized`,
          );
          const row = rows[0]!;
          // What a reader gets from the same values through the driver, then counts in TypeScript.
          const policy: LatePolicy = { dueAt: dueAt === null ? null : new Date(dueAt), latePolicy: c.kind, latePenaltyPerDay: Number(c.perDay), lateCutoffAt: cutoffAt === null ? null : new Date(cutoffAt), lateWaived: c.waived };
          const at = toDate(row.submitted_at);
          const readScore = row.score === null ? null : Number(row.score);
          expect(Number(row.factor)).toBe(latePenaltyFactor(policy, at));
          expect(row.penalized === null ? null : Number(row.penalized)).toBe(penalizedScore(policy, { submittedAt: at, score: readScore }));
        }),
        { numRuns: 400 },
      );
    });

    it("charges a started day from the first millisecond after the due date, and nothing after the cut-off", async () => {
      const policySql = {
        dueAt: sql`${new Date(due).toISOString()}::timestamptz`,
        latePolicy: sql`'penalty'::late_policy_kind`,
        latePenaltyPerDay: sql`'10.00'::numeric(5,2)`,
        lateCutoffAt: sql`${new Date(due + 3 * DAY).toISOString()}::timestamptz`,
        lateWaived: sql`false`,
      };
      const factor = async (at: string) => Number((await execute(db, sql`select ${latePenaltyFactorSql(policySql, sql`${at}::timestamptz`)} as f`))[0]!.f);
      expect(await factor("2026-12-01T12:00:00.000900Z")).toBe(1);
      expect(await factor("2026-12-01T12:00:00.001Z")).toBe(0.9);
      expect(await factor("2026-12-04T12:00:00.000Z")).toBeCloseTo(0.7, 12);
      expect(await factor("2026-12-04T12:00:00.001Z")).toBe(0);
    });
  });
}

type Row = Record<string, unknown>;

/** db.execute's rows: an array from postgres.js, `{ rows }` from PGlite. */
async function execute(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}

const toDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
