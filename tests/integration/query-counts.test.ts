import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { submissions, testResults, type User } from "@/lib/db/schema";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { claimSubmission, recordGradeOutcome, type StoredGrade } from "@/lib/submissions/lifecycle";
import { createStudentSubmission } from "@/lib/submissions/submit";
import { serveSubmission } from "@/lib/submissions/follow";
import { createUser } from "@/lib/users/users";
import { countingDb, type CountingDb } from "../helpers/query-counter";
import { queueBackends } from "./queue-fixtures";

const T0 = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;

/** A graded outcome with `n` test results. */
function outcomeWith(n: number): StoredGrade {
  return {
    status: "graded",
    score: 0.5,
    console: "",
    tests: Array.from({ length: n }, (_, i) => ({ name: `test ${i + 1}`, passed: i % 2 === 0, message: i % 2 === 0 ? "" : "wrong", hidden: i > 0 })),
  };
}

const isUpdate = (statement: string) => /^\s*update\b/i.test(statement);

// No N+1: what Submit and the status read send to the database does not grow with what they read.
describe.each(queueBackends())("statements per request on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let node: QueueNode;
  let counting: CountingDb;
  let instructor: User;
  let assignmentId: string;
  const students: User[] = [];

  const submit = (user: User, db = counting.db) =>
    createStudentSubmission(db, { user, courseSlug: "counted", exerciseId: "batching", request: { code: "export const stepsPerEpoch = (n, b) => Math.ceil(n / b);", mode: "submit" }, now: T0 });

  /** `count` earlier Submits of `user`, graded, each with two test results. */
  async function earlierSubmissions(user: User, count: number): Promise<void> {
    const rows = await handle.db
      .insert(submissions)
      .values(
        Array.from({ length: count }, (_, i) => ({
          userId: user.id,
          assignmentId,
          exerciseId: "batching",
          exerciseVersion: "v",
          code: `// attempt ${i}`,
          variantSeed: 1,
          status: "graded" as const,
          verdict: "graded",
          score: 0.5,
          createdAt: new Date(T0.getTime() - (count - i) * 60_000),
          gradedAt: new Date(T0.getTime() - (count - i) * 60_000 + 500),
        })),
      )
      .returning({ id: submissions.id });
    await handle.db.insert(testResults).values(rows.flatMap(({ id }) => [0, 1].map((position) => ({ submissionId: id, position, name: `t${position}`, hidden: position > 0, passed: position === 0 }))));
  }

  beforeAll(async () => {
    let url: string | undefined;
    ({ handle, url, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    // Enqueues only: nothing grades, so each submission stays as the test leaves it.
    node = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "query-counts" });
    counting = await countingDb(handle);
    const course = await createCourse(handle.db, { slug: "counted", title: "Counted" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    for (let i = 0; i < 5; i++) {
      const student = await createUser(handle.db, { email: `s${i}@example.org`, name: `S${i}` });
      await enrolUser(handle.db, course.id, student.id, "student");
      students.push(student);
    }
    assignmentId = (await createAssignment(handle.db, course.id, { exerciseId: "batching", opensAt: new Date(T0.getTime() - DAY), dueAt: new Date(T0.getTime() + DAY) })).id;
    await earlierSubmissions(students[1]!, 1);
    await earlierSubmissions(students[2]!, 30);
    // Whatever a process loads once (the exercise package, the queue's statements) is loaded before counting.
    await submit(students[0]!, handle.db);
  }, 60_000);
  afterAll(async () => {
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("submits code with as many statements after 30 earlier submissions as after one", async () => {
    let afterOne: { id: string } | undefined, afterThirty: { id: string } | undefined;
    const one = await counting.statementsOf(async (db) => (afterOne = await submit(students[1]!, db)));
    const thirty = await counting.statementsOf(async (db) => (afterThirty = await submit(students[2]!, db)));
    expect(afterOne).toMatchObject({ status: "queued" });
    expect(afterThirty).toMatchObject({ status: "queued" });
    expect(one.length).toBeGreaterThan(0);
    expect(thirty).toHaveLength(one.length);
  });

  it("records a grading and reads the status with as many statements for 20 test results as for one, for the owner and the staff", async () => {
    // Two queued Submits of two students, graded here through the lifecycle the workers use.
    const [small, large] = await handle.db
      .insert(submissions)
      .values(
        [students[3]!, students[4]!].map((student) => ({ userId: student.id, assignmentId, exerciseId: "batching", exerciseVersion: "v", code: "// sent", variantSeed: 1, status: "queued" as const, createdAt: T0 })),
      )
      .returning();
    const gradeOne = await counting.statementsOf(async (db) => {
      const attempt = await claimSubmission(db, small!.id);
      await recordGradeOutcome(db, small!.id, attempt!, outcomeWith(1), { startedAt: T0 });
    });
    const gradeTwenty = await counting.statementsOf(async (db) => {
      const attempt = await claimSubmission(db, large!.id);
      await recordGradeOutcome(db, large!.id, attempt!, outcomeWith(20), { startedAt: T0 });
    });
    expect(gradeTwenty).toHaveLength(gradeOne.length);

    for (const asOwner of [true, false]) {
      const views: Array<{ tests: unknown[] }> = [];
      const readOne = await counting.statementsOf(async (db) => views.push(await serveSubmission(db, small!.id, asOwner ? students[3]! : instructor)));
      const readTwenty = await counting.statementsOf(async (db) => views.push(await serveSubmission(db, large!.id, asOwner ? students[4]! : instructor)));
      console.log(JSON.stringify({ statusReadStatements: { [asOwner ? "ownersFirstFinalRead" : "staffRead"]: readOne.length } }));
      expect(views.map((view) => view.tests.length)).toEqual([1, 20]);
      expect(readOne.length).toBeGreaterThan(0);
      expect(readTwenty).toHaveLength(readOne.length);
      // Only the owner's first read of the final state writes (first_seen_at); staff's reads never do.
      expect(readOne.filter(isUpdate)).toHaveLength(asOwner ? 1 : 0);
    }
    const ownersLaterRead = await counting.statementsOf((db) => serveSubmission(db, small!.id, students[3]!));
    expect(ownersLaterRead.filter(isUpdate)).toEqual([]);
    console.log(JSON.stringify({ statusReadStatements: { ownersLaterRead: ownersLaterRead.length } }));
  });
});

