import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createAssignment } from "@/lib/courses/assignments";
import { findFirstOpen } from "@/lib/courses/assignment-opens";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { findDraft, saveDraft } from "@/lib/drafts/drafts";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { MAX_CODE_BYTES } from "@/lib/submissions/rules";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

// The route handler is exercised for real; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
// The real role guard (it reads the mocked database below); only the session is faked.
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.db }));

const { GET, PUT } = await import("@/app/api/courses/[slug]/exercises/[exerciseId]/draft/route");

const T0 = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;
const HOST = "tensorgrade.test";

function call(method: "GET" | "PUT", as: User | null, path: { slug: string; exerciseId: string }, body?: unknown, origin = `http://${HOST}`) {
  session.user = as;
  const request = new Request(`http://${HOST}/api/courses/${path.slug}/exercises/${path.exerciseId}/draft`, {
    method,
    headers: { host: HOST, origin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (method === "GET" ? GET : PUT)(request, { params: Promise.resolve(path) });
}

describe.each(testBackends())("drafts and first opens on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let student: User, other: User, outsider: User, instructor: User;
  let batchingAssignment: string;
  const batching = { slug: "course", exerciseId: "batching" };

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    session.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching", "softmax", "optimizer-concepts"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    const otherCourse = await createCourse(handle.db, { slug: "other", title: "Other" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    other = await createUser(handle.db, { email: "o@example.org", name: "O" });
    outsider = await createUser(handle.db, { email: "x@example.org", name: "X" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, course.id, other.id, "student");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, otherCourse.id, outsider.id, "student");
    batchingAssignment = (await createAssignment(handle.db, course.id, { exerciseId: "batching" })).id;
    await createAssignment(handle.db, course.id, { exerciseId: "optimizer-concepts" });
    await createAssignment(handle.db, course.id, { exerciseId: "softmax", opensAt: new Date(T0.getTime() + DAY) });
    await createAssignment(handle.db, otherCourse.id, { exerciseId: "softmax" });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("saves a draft for its owner only, newest save wins", async () => {
    expect((await call("PUT", student, batching, { code: "first" })).status).toBe(204);
    const saved = await call("PUT", student, batching, { code: "export const x = 2;" });
    expect(saved.status).toBe(204);
    const read = await call("GET", student, batching);
    expect(read.status).toBe(200);
    const body = (await read.json()) as { code: string; updatedAt: string };
    expect(body.code).toBe("export const x = 2;");
    expect(Number.isNaN(Date.parse(body.updatedAt))).toBe(false);
    expect(read.headers.get("cache-control")).toContain("no-store");

    // Another student of the same course has no draft of their own, and never sees this one.
    expect((await call("GET", other, batching)).status).toBe(404);
    expect(await findDraft(handle.db, other, "course", "batching")).toBeNull();
  });

  it("answers not-found to anyone outside the course or for an exercise not assigned there", async () => {
    for (const response of [
      await call("GET", outsider, batching),
      await call("PUT", outsider, batching, { code: "mine" }),
      await call("PUT", outsider, { slug: "other", exerciseId: "batching" }, { code: "x" }),
      await call("PUT", student, { slug: "other", exerciseId: "softmax" }, { code: "x" }),
      await call("PUT", student, { slug: "course", exerciseId: "no-such-exercise" }, { code: "x" }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
    }
    // The outsider's attempt changed nothing.
    expect((await findDraft(handle.db, student, "course", "batching"))?.code).toBe("export const x = 2;");
  });

  it("refuses anonymous requests, other origins, oversize code, quizzes and malformed bodies", async () => {
    expect((await call("GET", null, batching)).status).toBe(401);
    expect((await call("PUT", null, batching, { code: "x" })).status).toBe(401);
    expect((await call("PUT", student, batching, { code: "x" }, "https://evil.example")).status).toBe(403);

    const oversize = await call("PUT", student, batching, { code: "x".repeat(MAX_CODE_BYTES + 1) });
    expect(oversize.status).toBe(413);
    expect(((await oversize.json()) as { error: string }).error).toMatch(/KB/);
    expect((await call("PUT", student, batching, { code: "x".repeat(MAX_CODE_BYTES) })).status).toBe(204);

    expect((await call("PUT", student, { slug: "course", exerciseId: "optimizer-concepts" }, { code: "x" })).status).toBe(422);
    const malformed = await call("PUT", student, batching, { code: 42 });
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ fieldErrors: { code: expect.anything() } });
    expect((await call("PUT", student, batching, { code: "x", extra: true })).status).toBe(422);
  });

  it("lets the exercise page start from the server's draft", async () => {
    await saveDraft(handle.db, student, "course", "batching", { code: "// my draft" }, T0);
    const page = await getExercisePageData(handle.db, student, "course", "batching", T0);
    expect(page.draft).toEqual({ code: "// my draft", updatedAt: T0.toISOString() });
    expect((await getExercisePageData(handle.db, other, "course", "batching", T0)).draft).toBeNull();
  });

  it("records a student's first open of an assignment once, and not a staff member's or a not-yet-open one", async () => {
    const fresh = await createUser(handle.db, { email: "f@example.org", name: "F" });
    const [course] = await handle.db.query.courses.findMany({ where: (c, { eq }) => eq(c.slug, "course") });
    await enrolUser(handle.db, course!.id, fresh.id, "student");
    expect(await findFirstOpen(handle.db, batchingAssignment, fresh.id)).toBeNull();

    await getExercisePageData(handle.db, fresh, "course", "batching", T0);
    await getExercisePageData(handle.db, fresh, "course", "batching", new Date(T0.getTime() + DAY));
    expect(await findFirstOpen(handle.db, batchingAssignment, fresh.id)).toEqual(T0);

    await getExercisePageData(handle.db, instructor, "course", "batching", T0);
    expect(await findFirstOpen(handle.db, batchingAssignment, instructor.id)).toBeNull();

    const softmax = await getExercisePageData(handle.db, fresh, "course", "softmax", T0);
    expect(softmax.window).toMatchObject({ open: false, reason: "not_open_yet" });
    const assignments = await handle.db.query.assignments.findMany({ where: (a, { eq }) => eq(a.exerciseId, "softmax") });
    for (const assignment of assignments) expect(await findFirstOpen(handle.db, assignment.id, fresh.id)).toBeNull();

    await expect(getExercisePageData(handle.db, outsider, "course", "batching", T0)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findFirstOpen(handle.db, batchingAssignment, outsider.id)).toBeNull();
  });
});
