import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { submissions, type User } from "@/lib/db/schema";
import { loadCatalogue, type LoadedExercise } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { createPreviewSubmission, PREVIEW_RATE, type PreviewRequest } from "@/lib/submissions/preview";
import { getSubmissionForViewer } from "@/lib/submissions/view";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("instructor preview runs on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, outsider: User;
  let batching: LoadedExercise;
  const enqueued: string[] = [];
  const enqueue = async (_tx: unknown, id: string) => {
    enqueued.push(id);
  };
  const preview = (user: User, request: PreviewRequest, exerciseId = "batching", courseSlug = "course") =>
    createPreviewSubmission(handle.db, { user, courseSlug, exerciseId, request }, enqueue);

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "steps-per-epoch"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    batching = catalogue.exercises.find((entry) => entry.pkg.exercise.id === "batching")!;
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    const other = await createCourse(handle.db, { slug: "other", title: "Other" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    ta = await createUser(handle.db, { email: "t@example.org", name: "T" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    outsider = await createUser(handle.db, { email: "x@example.org", name: "X" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, other.id, outsider.id, "instructor");
  });
  afterAll(async () => {
    await drop?.();
  });

  it("queues the reference solution as a preview of no assignment, enqueued in the same transaction", async () => {
    const created = await preview(instructor, { source: "solution" });
    expect(created.status).toBe("queued");
    expect(enqueued).toEqual([created.id]);
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row).toMatchObject({ assignmentId: null, userId: instructor.id, mode: "submit", exerciseVersion: batching.contentHash });
    expect(batching.pkg.kind !== "quiz" && row!.code).toBe(batching.pkg.kind !== "quiz" && batching.pkg.solution);
    // The owner reads it back through the same route students use.
    const view = await getSubmissionForViewer(handle.db, created.id, instructor);
    expect(view).toMatchObject({ id: created.id, status: "queued" });
    // The reference solution itself never goes back to a browser, not even to the staff member who ran it.
    expect(view.code).toBeNull();
    expect(JSON.stringify(view)).not.toContain(batching.pkg.kind !== "quiz" ? batching.pkg.solution.trim().slice(0, 60) : "unreachable");
    await expect(getSubmissionForViewer(handle.db, created.id, ta)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSubmissionForViewer(handle.db, created.id, student)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(preview(instructor, { source: "starter" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("runs the starter for a TA; a failing enqueue leaves no submission behind", async () => {
    const failing = async () => {
      throw new Error("queue down");
    };
    await expect(createPreviewSubmission(handle.db, { user: ta, courseSlug: "course", exerciseId: "batching", request: { source: "starter" } }, failing)).rejects.toThrow("queue down");
    expect(await handle.db.select().from(submissions).where(eq(submissions.userId, ta.id))).toHaveLength(0);
    const created = await preview(ta, { source: "starter" });
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row!.code).toBe(batching.pkg.kind !== "quiz" ? batching.pkg.starter : null);
  });

  it("refuses students, other courses' instructors and unknown exercises as not found, and wrong input clearly", async () => {
    await expect(preview(student, { source: "solution" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(preview(outsider, { source: "solution" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(preview(outsider, { source: "solution" }, "batching", "other")).resolves.toMatchObject({ status: "queued" });
    await expect(preview(instructor, { source: "solution" }, "no-such-exercise")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(preview(instructor, { answers: {} })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(preview(instructor, { code: "x".repeat(256 * 1024 + 1), mode: "submit" })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("grades a quiz's answer key at full marks and no answers at zero, on the sample variant", async () => {
    const key = await preview(instructor, { source: "solution" }, "steps-per-epoch");
    expect(await getSubmissionForViewer(handle.db, key.id, instructor)).toMatchObject({ status: "graded", score: 1 });
    const blank = await preview(instructor, { source: "starter" }, "steps-per-epoch");
    const view = await getSubmissionForViewer(handle.db, blank.id, instructor);
    expect(view.score).toBe(0);
    expect(view.tests.every((test) => !test.passed)).toBe(true);
    // The previewing instructor checks the explanations too, under the sample variant's numbers.
    expect(view.tests.find((test) => test.name === "total-updates")?.explanationHtml).toContain("partial batch happens once");
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, blank.id));
    expect(row).toMatchObject({ assignmentId: null, variant: expect.objectContaining({ seed: expect.any(Number) }) });
  });

  it("limits the rate of preview runs per user", async () => {
    const results = [];
    for (let i = 0; i <= PREVIEW_RATE.limit; i++) results.push(await preview(outsider, { source: "starter" }, "steps-per-epoch", "other").catch((error: unknown) => error));
    expect(results.at(-1)).toMatchObject({ code: "RATE_LIMITED" });
    expect(results.slice(0, PREVIEW_RATE.limit - 2).every((result) => "id" in (result as object))).toBe(true);
  });
});
