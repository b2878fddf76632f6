import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, assessmentStarts, type Assessment, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { createUser } from "@/lib/users/users";
import { queueBackends } from "./queue-fixtures";

// The route handler runs for real; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, db: null as unknown, claimed: [] as string[] }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
  // Which browser keeps timed work is exam-session.test.ts's subject; here: that a start claims it.
  claimSessionForTimedWork: async (user: User) => {
    session.claimed.push(user.id);
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.db }));

const { GET, POST } = await import("@/app/api/courses/[slug]/assessments/[assessmentId]/exam/route");

const HOST = "tensorgrade.test";

function call(method: "GET" | "POST", as: User | null, path: { slug: string; assessmentId: string }, body?: unknown) {
  session.user = as;
  const request = new Request(`http://${HOST}/api/courses/${path.slug}/assessments/${path.assessmentId}/exam`, {
    method,
    headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (method === "GET" ? GET : POST)(request, { params: Promise.resolve(path) });
}

describe.each(queueBackends())("the exam route on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let node: QueueNode;
  let student: User, classmate: User, instructor: User, outsider: User;
  let exam: Assessment, homework: Assessment;
  const path = () => ({ slug: "course", assessmentId: exam.id });

  beforeAll(async () => {
    let url: string | undefined;
    ({ handle, url, drop } = await backend.create());
    session.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    node = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "exam-route-test" });
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    const other = await createCourse(handle.db, { slug: "other", title: "Other" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    classmate = await createUser(handle.db, { email: "c@example.org", name: "C" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    outsider = await createUser(handle.db, { email: "x@example.org", name: "X" });
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, course.id, classmate.id, "student");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, other.id, outsider.id, "student");
    const created = await createAssessment(handle.db, course.id, { title: "Exam", timeLimitMinutes: 20 });
    await addExerciseToAssessment(handle.db, course.id, created.id, { exerciseId: "batching" });
    [exam] = await handle.db.update(assessments).set({ accessCode: "OPEN SESAME" }).where(eq(assessments.id, created.id)).returning() as [Assessment];
    homework = await createAssessment(handle.db, course.id, { title: "Homework" });
  });
  afterAll(async () => {
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("refuses the anonymous, staff and outsiders before reading the body", async () => {
    expect((await call("GET", null, path())).status).toBe(401);
    expect((await call("GET", instructor, path())).status).toBe(404);
    expect((await call("GET", outsider, path())).status).toBe(404);
    expect((await call("POST", instructor, path(), { action: "start", accessCode: "OPEN SESAME" })).status).toBe(404);
    expect((await call("POST", outsider, path(), { action: "start", accessCode: "OPEN SESAME" })).status).toBe(404);
    expect((await call("GET", student, { slug: "other", assessmentId: exam.id })).status).toBe(404);
    expect((await call("GET", student, { slug: "course", assessmentId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect(await handle.db.select().from(assessmentStarts)).toHaveLength(0);
  });

  it("answers a student's state with the server's now; untimed work says so", async () => {
    const response = await call("GET", student, path());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ status: "not_started", minutes: 20, multiplier: 1, deadline: null });
    expect(Math.abs(Date.parse(body.serverNow) - Date.now())).toBeLessThan(5_000);
    expect(await (await call("GET", student, { slug: "course", assessmentId: homework.id })).json()).toMatchObject({ status: "untimed" });
  });

  it("starts with the access code only, once; a malformed body is refused", async () => {
    session.claimed.length = 0;
    expect((await call("POST", student, path(), { action: "start", accessCode: "open" })).status).toBe(403);
    expect((await call("POST", student, path(), { action: "begin" })).status).toBe(422);
    const started = await call("POST", student, path(), { action: "start", accessCode: "OPEN SESAME" });
    expect(started.status).toBe(200);
    expect(session.claimed).toEqual([student.id]);
    const first = await started.json();
    expect(first).toMatchObject({ status: "in_progress" });
    expect(Date.parse(first.deadline) - Date.parse(first.startedAt)).toBe(20 * 60_000);
    const again = await (await call("POST", student, path(), { action: "start" })).json();
    expect(again.startedAt).toBe(first.startedAt);
    // A classmate's state is their own.
    expect(await (await call("GET", classmate, path())).json()).toMatchObject({ status: "not_started" });
  });

  it("a close at zero before the server's deadline changes nothing; finish ends the work", async () => {
    expect(await (await call("POST", student, path(), { action: "time_up" })).json()).toMatchObject({ status: "in_progress" });
    expect(await (await call("POST", student, path(), { action: "finish" })).json()).toMatchObject({ status: "finished", finishReason: "finished" });
    expect(await (await call("GET", student, path())).json()).toMatchObject({ status: "finished" });
  });
});
