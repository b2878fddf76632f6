import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exerciseVersions, exercises } from "@/lib/db/schema";
import { asc, eq } from "drizzle-orm";
import { submissions, testResults } from "@/lib/db/schema";
import { claimSubmission, recordGradeOutcome, type StoredGrade } from "@/lib/submissions/lifecycle";
import { createSubmission } from "../helpers/queued-submission";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const outcome: StoredGrade = {
  status: "graded",
  score: 0.5,
  tests: [
    { name: "ceil, not floor", passed: true, message: "" },
    { name: "last batch kept", passed: false, message: "expected 3 batches, got 2", misconception: "drops the last batch" },
  ],
  console: "hello\n",
};

describe.each(testBackends())("submission lifecycle on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    userId = (await createUser(handle.db, { email: "s@example.org", name: "S" })).id;
    await handle.db.insert(exercises).values({ id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "h1" });
    await handle.db.insert(exerciseVersions).values({ exerciseId: "batching", contentHash: "h1", package: {} });
  });
  afterAll(async () => {
    await drop?.();
  });

  /** The stored row and its per-test rows, read straight from the tables. */
  const stored = async (id: string) => ({
    submission: (await handle.db.select().from(submissions).where(eq(submissions.id, id)))[0],
    tests: await handle.db.select().from(testResults).where(eq(testResults.submissionId, id)).orderBy(asc(testResults.position)),
  });

  const newSubmission = () =>
    createSubmission(handle.db, { userId, exerciseId: "batching", exerciseVersion: "h1", code: "export const x = 1", variantSeed: 7 });

  it("goes queued → running → graded, with its tests in order and the misconception of a failure", async () => {
    const submission = await newSubmission();
    expect(submission.status).toBe("queued");
    const attempt = await claimSubmission(handle.db, submission.id);
    expect(attempt).toBe(1);
    expect(await recordGradeOutcome(handle.db, submission.id, 1, outcome)).toBe(true);
    const row = await stored(submission.id);
    expect(row.submission).toMatchObject({ status: "graded", verdict: "graded", score: 0.5, console: "hello\n" });
    expect(row.tests.map((t) => [t.name, t.passed, t.misconception])).toEqual([
      ["ceil, not floor", true, null],
      ["last batch kept", false, "drops the last batch"],
    ]);
  });

  it("writes exactly one result when a job is delivered twice or a stale attempt reports late", async () => {
    const submission = await newSubmission();
    expect(await claimSubmission(handle.db, submission.id)).toBe(1);
    expect(await claimSubmission(handle.db, submission.id)).toBe(2); // redelivered after a worker died
    expect(await recordGradeOutcome(handle.db, submission.id, 1, { ...outcome, score: 1 })).toBe(false);
    const both = await Promise.all([
      recordGradeOutcome(handle.db, submission.id, 2, outcome),
      recordGradeOutcome(handle.db, submission.id, 2, { ...outcome, score: 0 }),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect((await stored(submission.id)).tests).toHaveLength(2);
    expect(await claimSubmission(handle.db, submission.id)).toBeNull();
  });

  it("ends in `error` with a readable message when the grader itself failed", async () => {
    const submission = await newSubmission();
    const attempt = (await claimSubmission(handle.db, submission.id))!;
    await recordGradeOutcome(handle.db, submission.id, attempt, { status: "error", score: 0, tests: [], console: "", message: "The grader crashed twice." });
    expect((await stored(submission.id)).submission).toMatchObject({ status: "error", score: null, message: "The grader crashed twice." });
  });

  it("allows one grading in flight per student and exercise, whatever the race", async () => {
    const results = await Promise.allSettled([newSubmission(), newSubmission(), newSubmission()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const first = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value;
    await recordGradeOutcome(handle.db, first.id, (await claimSubmission(handle.db, first.id))!, outcome);
    const next = await newSubmission();
    expect(next.status).toBe("queued");
    await recordGradeOutcome(handle.db, next.id, (await claimSubmission(handle.db, next.id))!, outcome);
  });

  it("rejects an outcome that is not one (score out of range)", async () => {
    const submission = await newSubmission();
    const attempt = (await claimSubmission(handle.db, submission.id))!;
    await expect(recordGradeOutcome(handle.db, submission.id, attempt, { ...outcome, score: 2 })).rejects.toThrow();
  });
});
