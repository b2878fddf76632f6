import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import type { GradingArtefact } from "@/lib/grading/artefact";
import type { EngineResult } from "@/lib/grading/result";
import { startQueueNode, type OwnedGrader, type QueueNode } from "@/lib/startup/queue-node";
import { requeueOrphanedSubmissions } from "@/lib/queue/recover";
import { getQueueDepth } from "@/lib/queue/stats";
import { RUN_RATE, SUBMIT_RATE } from "@/lib/submissions/rules";
import { createStudentSubmission, type SubmissionRequest } from "@/lib/submissions/submit";
import { submissions } from "@/lib/db/schema";
import { getSubmissionForViewer } from "@/lib/submissions/view";
import { createUser } from "@/lib/users/users";
import type { User } from "@/lib/db/schema";
import { queueBackends, waitFor } from "./queue-fixtures";

const DAY = 86_400_000;
const T0 = new Date("2026-12-01T12:00:00Z");

/** Grades by a rule instead of a sandbox: the service around the grader is what is under test here. */
class FakeGrader implements OwnedGrader {
  calls: string[] = [];
  examplesOnly: boolean[] = [];
  /** While set, grading waits for it: a submission stays in flight as long as the test needs. */
  gate: Promise<void> | null = null;
  async grade(exercise: GradingArtefact, source: string, _limits?: undefined, examplesOnly = false): Promise<EngineResult> {
    this.calls.push(exercise.exerciseId);
    this.examplesOnly.push(examplesOnly);
    await this.gate;
    const right = source.includes("Math.ceil");
    return {
      status: "graded",
      score: right ? 1 : 0.5,
      durationMs: 1,
      console: "",
      tests: [
        { name: "example: stepsPerEpoch(10, 3)", passed: right, message: right ? "" : "expected 4, got 3" },
        { name: "steps with a smaller last batch", passed: right, message: right ? "" : "use Math.ceil" },
      ],
    };
  }
  async close(): Promise<void> {}
}

describe.each(queueBackends())("submitting on $name", (backend) => {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let drop: () => Promise<void>;
  let student: User, other: User, instructor: User, outsiderInstructor: User;
  const grader = new FakeGrader();
  let node: QueueNode;
  /** Resolves when nothing is queued or being graded. */
  const settled = () =>
    waitFor(async () => {
      const depth = await getQueueDepth(handle.db);
      return depth.queued + depth.running === 0 ? true : undefined;
    });
  const submit = (user: User, request: SubmissionRequest, options: { exerciseId?: string; now?: Date; slug?: string } = {}) =>
    createStudentSubmission(handle.db, {
      user,
      courseSlug: options.slug ?? "course",
      exerciseId: options.exerciseId ?? "batching",
      request,
      now: options.now ?? T0,
    });

  let batchingVersion: string;
  beforeAll(async () => {
    ({ handle, url, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "softmax"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    // A submission names a version in the database: graders grade that version's artefact.
    batchingVersion = catalogue.exercises.find((entry) => entry.pkg.exercise.id === "batching")!.contentHash;
    node = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "submit-test", grading: { grader, concurrency: 1 } });
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    const otherCourse = await createCourse(handle.db, { slug: "other", title: "Other" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    other = await createUser(handle.db, { email: "o@example.org", name: "O" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    outsiderInstructor = await createUser(handle.db, { email: "x@example.org", name: "X" });
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, course.id, other.id, "student");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, otherCourse.id, outsiderInstructor.id, "instructor");
    await createAssignment(handle.db, course.id, {
      exerciseId: "batching",
      opensAt: new Date(T0.getTime() - DAY),
      dueAt: new Date(T0.getTime() + DAY),
      attemptLimit: 3,
    });
  });
  afterAll(async () => {
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("refuses what is not the student's to submit as not found", async () => {
    await expect(submit(student, { code: "x", mode: "submit" }, { exerciseId: "softmax" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submit(student, { code: "x", mode: "submit" }, { exerciseId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submit(outsiderInstructor, { code: "x", mode: "submit" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submit(student, { answers: {} })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(submit(student, { code: "x".repeat(256 * 1024 + 1), mode: "submit" })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
  });

  it("queues, grades once, keeps hidden flags and misconceptions, and refuses a second while one is in flight", async () => {
    let open!: () => void;
    grader.gate = new Promise((resolve) => (open = resolve));
    const first = await submit(student, { code: "export const stepsPerEpoch = (n, b) => Math.floor(n / b)", mode: "submit" });
    expect(first.status).toBe("queued");
    await expect(submit(student, { code: "again", mode: "submit" })).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    await expect(submit(student, { code: "again", mode: "run" })).rejects.toMatchObject({ code: "CONFLICT" });
    grader.gate = null;
    open();
    await settled();
    const view = await getSubmissionForViewer(handle.db, first.id, student);
    expect(view).toMatchObject({ status: "graded", verdict: "graded", score: 0.5 });
    expect(view.tests).toEqual([
      { name: "example: stepsPerEpoch(10, 3)", passed: false, message: "expected 4, got 3", hidden: false },
      { name: "steps with a smaller last batch", passed: false, message: "use Math.ceil", hidden: true },
    ]);
  });

  it("Run shows only the visible examples and does not use an attempt", async () => {
    const run = await submit(student, { code: "Math.ceil", mode: "run" });
    await settled();
    const view = await getSubmissionForViewer(handle.db, run.id, student);
    expect(view.mode).toBe("run");
    expect(grader.examplesOnly.at(-1)).toBe(true);
    expect(view.tests.map((test) => test.hidden)).toEqual([false]);
  });

  it("enforces the attempt limit and the deadline with server time; Run still works after the deadline", async () => {
    for (let i = 0; i < 2; i++) {
      await submit(student, { code: "Math.ceil", mode: "submit" });
      await settled();
    }
    await expect(submit(student, { code: "Math.ceil", mode: "submit" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/attempts/) });
    const late = new Date(T0.getTime() + 2 * DAY);
    await expect(submit(other, { code: "Math.ceil", mode: "submit" }, { now: late })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/deadline/) });
    const early = new Date(T0.getTime() - 2 * DAY);
    await expect(submit(other, { code: "Math.ceil", mode: "submit" }, { now: early })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submit(other, { code: "Math.ceil", mode: "run" }, { now: late })).resolves.toMatchObject({ status: "queued" });
    await settled();
  });

  it("shows a submission to its owner and the course's staff only", async () => {
    const mine = await submit(other, { code: "Math.ceil", mode: "submit" });
    await settled();
    expect((await getSubmissionForViewer(handle.db, mine.id, other)).status).toBe("graded");
    expect((await getSubmissionForViewer(handle.db, mine.id, instructor)).id).toBe(mine.id);
    await expect(getSubmissionForViewer(handle.db, mine.id, student)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSubmissionForViewer(handle.db, mine.id, outsiderInstructor)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSubmissionForViewer(handle.db, "not-a-uuid", other)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits Runs and Submits per student on separate budgets, each refusal with a wait in seconds", async () => {
    // Requests refused for a grading in flight (409) count too, so the loops need not wait for the grader.
    const send = (mode: "run" | "submit", now: Date) =>
      submit(instructor, { code: "Math.ceil", mode }, { now }).then(
        () => "accepted",
        (error: unknown) => error as { code: string; message: string; retryAfterSeconds?: number },
      );
    const isRateLimited = (outcome: unknown) => typeof outcome === "object" && (outcome as { code: string }).code === "RATE_LIMITED";

    const runsFirst = new Date(T0.getTime() + 10 * 60_000);
    for (let i = 0; i < RUN_RATE.limit; i++) expect(isRateLimited(await send("run", runsFirst))).toBe(false);
    const runRefused = await send("run", runsFirst);
    expect(runRefused).toMatchObject({ code: "RATE_LIMITED", status: 429, message: expect.stringMatching(/^Too many runs \(30 a minute\)\. Try again in \d+ s\.$/) });
    const runWait = (runRefused as { retryAfterSeconds: number }).retryAfterSeconds;
    // Thirty Runs at the start of a minute weigh 30 × (2 − elapsed) in the next one; a 31st fits once that is ≤ 29: 62 s.
    expect(runWait).toBe(62);
    expect((runRefused as { message: string }).message).toContain(`in ${runWait} s.`);
    await settled();
    // Thirty Runs took nothing from the Submits of the same minute.
    expect(await send("submit", runsFirst)).toBe("accepted");
    await settled();

    const submitsFirst = new Date(T0.getTime() + 20 * 60_000);
    for (let i = 0; i < SUBMIT_RATE.limit; i++) expect(isRateLimited(await send("submit", submitsFirst))).toBe(false);
    expect(await send("submit", submitsFirst)).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many submissions \(12 a minute\)/) });
    await settled();
    // And twelve Submits took nothing from the Runs.
    expect(await send("run", submitsFirst)).toBe("accepted");
    await settled();
  });

  it("gives a job again to a submission left queued without one (rows from before the queue)", async () => {
    const [stranded] = await handle.db
      .insert(submissions)
      .values({ userId: other.id, exerciseId: "batching", exerciseVersion: batchingVersion, code: "Math.ceil", mode: "run", variantSeed: 1 })
      .returning();
    expect(await requeueOrphanedSubmissions(handle.db)).toBe(1);
    await settled();
    expect((await getSubmissionForViewer(handle.db, stranded!.id, other)).status).toBe("graded");
    expect(await requeueOrphanedSubmissions(handle.db)).toBe(0);
  });
});
