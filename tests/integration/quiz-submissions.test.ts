import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { submissions, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { findLoadedExercise, setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { createUser } from "@/lib/users/users";
import { createAssignmentHandlers } from "@/app/courses/[slug]/manage/assignments/[assignmentId]/handlers";
import { testBackends } from "../helpers/test-database";

// The route handlers run for real; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.db }));

const { POST } = await import("@/app/api/courses/[slug]/exercises/[exerciseId]/submissions/route");
const { GET } = await import("@/app/api/submissions/[id]/route");

const HOST = "tensorgrade.test";

async function submit(as: User, exerciseId: string, answers: Record<string, unknown>) {
  session.user = as;
  const request = new Request(`http://${HOST}/api/courses/course/exercises/${exerciseId}/submissions`, {
    method: "POST",
    headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/json" },
    body: JSON.stringify({ answers }),
  });
  const response = await POST(request, { params: Promise.resolve({ slug: "course", exerciseId }) });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: string } };
}

async function read(as: User, id: string): Promise<string> {
  session.user = as;
  const response = await GET(new Request(`http://${HOST}/api/submissions/${id}`, { headers: { host: HOST } }), { params: Promise.resolve({ id }) });
  expect(response.status).toBe(200);
  return response.text();
}

/** The first choice of every choice question, "3" for every numeric one: complete, readable answers. */
async function someAnswers(exerciseId: string): Promise<Record<string, unknown>> {
  const loaded = await findLoadedExercise(exerciseId);
  if (loaded?.pkg.kind !== "quiz") throw new Error(`${exerciseId} is not a quiz`);
  return Object.fromEntries(
    loaded.pkg.quiz.questions.map((q) => [q.id, q.kind === "numeric" ? "3" : q.kind === "single" ? q.choices[0]!.id : [q.choices[0]!.id]]),
  );
}

describe.each(testBackends())("quiz submissions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let student: User, instructor: User;
  let stepsAssignment: string;
  const attempts = async (user: User, exerciseId: string) =>
    (await handle.db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.userId, user.id), eq(submissions.exerciseId, exerciseId)))).length;
  const handlers = createAssignmentHandlers({ requireUser: async () => instructor, logError: vi.fn() });
  const saveRelease = (release?: string) => {
    const form = new FormData();
    const fields: Record<string, string> = { slug: "course", assignmentId: stepsAssignment, attemptLimit: "2", points: "10", latePolicy: "none" };
    if (release !== undefined) fields.explanationRelease = release;
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return handlers.updateAssignment(form);
  };

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    session.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["steps-per-epoch", "output-activation"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await createAssignment(handle.db, course.id, { exerciseId: "output-activation" });
    stepsAssignment = (await createAssignment(handle.db, course.id, { exerciseId: "steps-per-epoch", attemptLimit: 2, points: 10 })).id;
  });
  afterAll(async () => {
    await drop?.();
  });

  it("refuses empty and unreadable answers with 422, naming the questions, without using an attempt or the rate limit", async () => {
    const answers = await someAnswers("steps-per-epoch");
    const count = Object.keys(answers).length;
    const empty = await submit(student, "steps-per-epoch", {});
    expect(empty.status).toBe(422);
    expect(empty.body.error).toContain("no attempt was used");
    const numbers = Array.from({ length: count - 1 }, (_, i) => i + 1).join(", ");
    expect(empty.body.error).toContain(`Answer questions ${numbers} and ${count} too.`);

    const [first, second] = Object.keys(answers);
    const malformed = await submit(student, "steps-per-epoch", { ...answers, [first!]: "115,056", [second!]: "35 epochs" });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error).toContain('Question 1: "115,056" has a comma, which could mean 115056 or 115.056');
    expect(malformed.body.error).toContain('Question 2: Write only the number, without a unit: 35 rather than "35 epochs".');

    // More refusals than the per-minute submission limit: none of them counted against it.
    for (let i = 0; i < 13; i++) expect((await submit(student, "steps-per-epoch", {})).status).toBe(422);
    expect(await attempts(student, "steps-per-epoch")).toBe(0);

    const accepted = await submit(student, "steps-per-epoch", { ...answers, [first!]: "115 056", [second!]: "1.15e5" });
    expect(accepted.status).toBe(202);
    expect(await attempts(student, "steps-per-epoch")).toBe(1);
  });

  it("sends explanations after each attempt when attempts are unlimited, in the API and the page", async () => {
    const created = await submit(student, "output-activation", await someAnswers("output-activation"));
    expect(created.status).toBe(202);
    const view = JSON.parse(await read(student, created.body.id!)) as { tests: Array<{ name: string; explanationHtml?: string }>; quizAnswers: unknown[] };
    expect(view.tests.find((t) => t.name === "regression")?.explanationHtml).toContain("unbounded real number");
    expect(view.tests.every((t) => t.explanationHtml)).toBe(true);
    const page = await getExercisePageData(handle.db, student, "course", "output-activation");
    expect(page.history[0]?.tests.find((t) => t.name === "regression")?.explanationHtml).toContain("unbounded real number");
    expect(page.history[0]?.quizAnswers?.[0]?.choicesHtml).toHaveLength(1);
  });

  it("with limited attempts keeps explanations out of every payload until the last attempt, unless the instructor releases them", async () => {
    const [attempt] = await handle.db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.userId, student.id), eq(submissions.exerciseId, "steps-per-epoch"))).limit(1);
    const secret = "partial batch happens once";
    const hidden = await read(student, attempt!.id);
    expect(hidden).not.toContain("explanationHtml");
    expect(hidden).not.toContain(secret);
    expect(JSON.parse(hidden)).toMatchObject({ explanationsPending: expect.stringContaining("last attempt") });
    const page = await getExercisePageData(handle.db, student, "course", "steps-per-epoch");
    expect(JSON.stringify(page)).not.toContain(secret);
    expect(JSON.stringify(page)).not.toContain("explanationHtml");
    // Course staff reading the attempt see them.
    expect(await read(instructor, attempt!.id)).toContain(secret);

    expect(await saveRelease("after_attempt")).toMatchObject({ ok: true });
    expect(await read(student, attempt!.id)).toContain(secret);
    // A save without the field leaves the setting alone; "default" goes back to the attempt limit's rule.
    expect(await saveRelease()).toMatchObject({ ok: true });
    expect(await read(student, attempt!.id)).toContain(secret);
    expect(await saveRelease("sometimes")).toMatchObject({ ok: false, fieldErrors: { explanationRelease: [expect.any(String)] } });
    expect(await saveRelease("default")).toMatchObject({ ok: true });
    expect(await read(student, attempt!.id)).not.toContain(secret);

    expect((await submit(student, "steps-per-epoch", await someAnswers("steps-per-epoch"))).status).toBe(202);
    expect(await read(student, attempt!.id)).toContain(secret);
  });
});
