import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createAssignment, updateAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { submissions, type Assignment, type Course, type User } from "@/lib/db/schema";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import type { GradingArtefact } from "@/lib/grading/artefact";
import type { EngineResult } from "@/lib/grading/result";
import { onScoreChanged, type ScoreChange } from "@/lib/scoring/score-changed";
import type { CodeGrader } from "@/lib/submissions/grading-service";
import { claimSubmission, recordGradeOutcome } from "@/lib/submissions/lifecycle";
import { createSubmission } from "../helpers/queued-submission";
import { regradeSubmission, startRegrade } from "@/lib/submissions/regrade";
import { createUser } from "@/lib/users/users";
import { findLoadedExercise } from "@/lib/exercises/registry";
import { quizAnswerKey } from "@/lib/exercises/kinds/quiz";
import { createVariant, quizSeed } from "@/lib/exercises/quiz";
import { createPreviewSubmission } from "@/lib/submissions/preview";
import { createStudentSubmission } from "@/lib/submissions/submit";
import { testBackends } from "../helpers/test-database";

const T0 = new Date("2026-12-01T12:00:00Z");
const HOUR = 3_600_000;

/** Full marks for code that uses Math.ceil, nothing otherwise. */
const grader: CodeGrader = {
  async grade(_exercise: GradingArtefact, source: string): Promise<EngineResult> {
    const right = source.includes("Math.ceil");
    return { status: "graded", score: right ? 1 : 0, durationMs: 1, console: "", tests: [{ name: "t", passed: right, message: "" }] };
  },
};

describe.each(testBackends())("scoreChanged on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let instructor: User, ann: User, bob: User, cat: User;
  let assignment: Assignment;
  let changes: ScoreChange[] = [];
  let stop = () => {};

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "optimizer-concepts"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "course", title: "Course" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "Ines" });
    ann = await createUser(handle.db, { email: "ann@example.org", name: "Ann" });
    bob = await createUser(handle.db, { email: "bob@example.org", name: "Bob" });
    cat = await createUser(handle.db, { email: "cat@example.org", name: "Cat" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    for (const student of [ann, bob, cat]) await enrolUser(handle.db, course.id, student.id, "student");
    assignment = await createAssignment(handle.db, course.id, { exerciseId: "batching", dueAt: new Date(T0.getTime() + 24 * HOUR), latePolicy: "penalty", latePenaltyPerDay: 20, points: 10 });
    stop = onScoreChanged((_tx, change) => {
      changes.push(change);
    });
  });
  afterEach(() => {
    changes = [];
  });
  afterAll(async () => {
    stop();
    await drop?.();
  });

  /** Creates, claims and grades one attempt; returns its id. */
  async function grade(user: User, code: string, score: number | null, options: { mode?: "run" | "submit"; preview?: boolean } = {}) {
    const row = await createSubmission(handle.db, {
      userId: user.id,
      assignmentId: options.preview ? null : assignment.id,
      exerciseId: "batching",
      exerciseVersion: "v-old",
      mode: options.mode ?? "submit",
      code,
      variantSeed: 1,
      createdAt: T0,
    });
    const attempt = (await claimSubmission(handle.db, row.id))!;
    const outcome = score === null ? { status: "error" as const, score: 0, tests: [], message: "grader failed" } : { status: "graded" as const, score, tests: [] };
    expect(await recordGradeOutcome(handle.db, row.id, attempt, outcome)).toBe(true);
    return { id: row.id, attempt };
  }

  it("is told once per changed score by a grading, and never for Runs, previews, errors or a score that does not count", async () => {
    const first = await grade(ann, "Math.ceil", 0.5);
    expect(changes).toEqual([{ userId: ann.id, assignmentId: assignment.id, cause: "graded", previous: null, current: 0.5 }]);
    changes = [];

    await grade(ann, "Math.ceil", 1, { mode: "run" });
    await grade(instructor, "Math.ceil", 1, { preview: true });
    await grade(ann, "wrong", 0.25); // worse than the counted 0.5
    await grade(bob, "Math.ceil", null); // an error: still nothing graded
    // A second delivery of a job already recorded writes nothing and reports nothing.
    expect(await recordGradeOutcome(handle.db, first.id, first.attempt, { status: "graded", score: 1, tests: [] })).toBe(false);
    expect(changes).toEqual([]);

    await grade(cat, "Math.ceil", 1, { mode: "run" });
    expect(changes).toEqual([]);
  });

  it("runs listeners in the writer's transaction: they see the new score, and a failing listener rolls it back", async () => {
    const seen: Array<number | null> = [];
    const row = await createSubmission(handle.db, { userId: cat.id, assignmentId: assignment.id, exerciseId: "batching", exerciseVersion: "v-old", code: "x", variantSeed: 1, createdAt: T0 });
    const stopReading = onScoreChanged(async (tx) => {
      const [written] = await tx.select({ score: submissions.score }).from(submissions).where(eq(submissions.id, row.id));
      seen.push(written?.score ?? null);
    });
    const stopFailing = onScoreChanged(() => {
      throw new Error("passback refused");
    });
    const attempt = (await claimSubmission(handle.db, row.id))!;
    await expect(recordGradeOutcome(handle.db, row.id, attempt, { status: "graded", score: 0.75, tests: [] })).rejects.toThrow("passback refused");
    stopFailing();
    stopReading();
    expect(seen).toEqual([0.75]);
    const [after] = await handle.db.select().from(submissions).where(eq(submissions.id, row.id));
    expect(after).toMatchObject({ status: "running", score: null });
    // Put it back to the state the next tests expect: cat has no graded Submit.
    await handle.db.delete(submissions).where(eq(submissions.id, row.id));
  });

  it("is told once per changed score by a regrade", async () => {
    const enqueued: string[] = [];
    const { regradeId } = await startRegrade(handle.db, { assignmentId: assignment.id, requestedBy: instructor.id }, async (_tx, _id, ids) => {
      enqueued.push(...ids);
    });
    // ann: 0.5 → 1 and 0.25 → 0 (the counted score goes 0.5 → 1 once); bob: an error → 1.
    expect(enqueued).toHaveLength(3);
    for (const submissionId of enqueued) await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId });
    expect(sortByUser(changes)).toEqual(
      sortByUser([
        { userId: ann.id, assignmentId: assignment.id, cause: "regraded", previous: 0.5, current: 1 },
        { userId: bob.id, assignmentId: assignment.id, cause: "regraded", previous: null, current: 1 },
      ]),
    );
    changes = [];
    // A second delivery of the same jobs writes and reports nothing.
    for (const submissionId of enqueued) await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId });
    expect(changes).toEqual([]);
  });

  it("is told once per changed score by an edit of the late policy, due date or points, and not by other edits", async () => {
    // Due an hour before every attempt: each is a started day late, −20 %.
    await updateAssignment(handle.db, course.id, assignment.id, { dueAt: new Date(T0.getTime() - HOUR) });
    expect(sortByUser(changes)).toEqual(
      sortByUser([
        { userId: ann.id, assignmentId: assignment.id, cause: "policy_changed", previous: 1, current: 0.8 },
        { userId: bob.id, assignmentId: assignment.id, cause: "policy_changed", previous: 1, current: 0.8 },
      ]),
    );
    changes = [];

    await updateAssignment(handle.db, course.id, assignment.id, { latePolicy: "none" });
    expect(changes.map((change) => [change.userId, change.previous, change.current])).toEqual(expect.arrayContaining([[ann.id, 0.8, 0], [bob.id, 0.8, 0]]));
    expect(changes).toHaveLength(2);
    changes = [];

    // The points counted change for everyone with a graded attempt, though the fraction does not.
    await updateAssignment(handle.db, course.id, assignment.id, { latePolicy: "penalty", points: 20 });
    expect(changes).toHaveLength(2);
    changes = [];
    await updateAssignment(handle.db, course.id, assignment.id, { points: 25 });
    expect(sortByUser(changes)).toEqual(
      sortByUser([
        { userId: ann.id, assignmentId: assignment.id, cause: "policy_changed", previous: 0.8, current: 0.8 },
        { userId: bob.id, assignmentId: assignment.id, cause: "policy_changed", previous: 0.8, current: 0.8 },
      ]),
    );
    changes = [];

    await updateAssignment(handle.db, course.id, assignment.id, { attemptLimit: 9, opensAt: new Date(T0.getTime() - 48 * HOUR) });
    await updateAssignment(handle.db, course.id, assignment.id, { latePenaltyPerDay: 20, points: 25, dueAt: new Date(T0.getTime() - HOUR) });
    // A later cut-off than any attempt changes no score.
    await updateAssignment(handle.db, course.id, assignment.id, { lateCutoffAt: new Date(T0.getTime() + 96 * HOUR) });
    expect(changes).toEqual([]);
  });
  it("is told once by a quiz Submit graded in the request, and not by a quiz preview", async () => {
    const quizAssignment = await createAssignment(handle.db, course.id, { exerciseId: "optimizer-concepts", dueAt: new Date(T0.getTime() + 24 * HOUR) });
    const loaded = await findLoadedExercise("optimizer-concepts");
    if (loaded?.pkg.kind !== "quiz") throw new Error("optimizer-concepts is not a loaded quiz");
    const answers = quizAnswerKey(loaded.pkg, createVariant(loaded.pkg.quiz, quizSeed(cat.id, "optimizer-concepts")));
    const submitted = await createStudentSubmission(handle.db, { user: cat, courseSlug: "course", exerciseId: "optimizer-concepts", request: { answers }, now: T0 });
    expect(submitted.status).toBe("graded");
    expect(changes).toEqual([{ userId: cat.id, assignmentId: quizAssignment.id, cause: "graded", previous: null, current: 1 }]);
    changes = [];

    await createPreviewSubmission(handle.db, { user: instructor, courseSlug: "course", exerciseId: "optimizer-concepts", request: { source: "solution" }, now: T0 });
    expect(changes).toEqual([]);
  });
});

const sortByUser = (list: ScoreChange[]) => [...list].sort((a, b) => a.userId.localeCompare(b.userId));
