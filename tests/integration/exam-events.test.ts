import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessmentStarts, examEvents, type Assessment, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { FOCUS_EVENT_RATE, MAX_FOCUS_EVENT_BYTES } from "@/lib/exams/focus-events";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

// The route handler runs for real; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.db }));

const { POST } = await import("@/app/api/courses/[slug]/assessments/[assessmentId]/exam-events/route");

const HOST = "tensorgrade.test";
const MINUTE = 60_000;

function post(as: User | null, path: { slug: string; assessmentId: string }, body: unknown, headers: Record<string, string> = {}) {
  session.user = as;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const request = new Request(`http://${HOST}/api/courses/${path.slug}/assessments/${path.assessmentId}/exam-events`, {
    method: "POST",
    headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/json", ...headers },
    body: text,
  });
  return POST(request, { params: Promise.resolve(path) });
}

describe.each(testBackends())("the exam-events route on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let student: User, classmate: User, finisher: User, instructor: User, outsider: User;
  let exam: Assessment, homework: Assessment, elsewhere: Assessment;
  const at = (assessment: Assessment, slug = "events") => ({ slug, assessmentId: assessment.id });
  const logOf = (user: User, assessment: Assessment) =>
    handle.db
      .select({ kind: examEvents.kind, detail: examEvents.detail })
      .from(examEvents)
      .where(and(eq(examEvents.userId, user.id), eq(examEvents.assessmentId, assessment.id)))
      .orderBy(examEvents.id);

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    session.db = handle.db;
    const course = await createCourse(handle.db, { slug: "events", title: "Events", timeZone: "UTC" });
    const other = await createCourse(handle.db, { slug: "other", title: "Other", timeZone: "UTC" });
    const make = (name: string) => createUser(handle.db, { email: `${name}@events.test`, name });
    student = await make("s");
    classmate = await make("c");
    finisher = await make("f");
    instructor = await make("i");
    outsider = await make("o");
    for (const user of [student, classmate, finisher]) await enrolUser(handle.db, course.id, user.id, "student");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, other.id, outsider.id, "student");
    exam = await createAssessment(handle.db, course.id, { title: "Exam", timeLimitMinutes: 30 });
    homework = await createAssessment(handle.db, course.id, { title: "Homework" });
    elsewhere = await createAssessment(handle.db, other.id, { title: "Other exam", timeLimitMinutes: 30 });
    const startedAt = new Date(Date.now() - 5 * MINUTE);
    await handle.db.insert(assessmentStarts).values([
      { assessmentId: exam.id, userId: student.id, startedAt },
      { assessmentId: exam.id, userId: finisher.id, startedAt, finishedAt: new Date(), finishReason: "finished" },
      { assessmentId: homework.id, userId: student.id, startedAt },
      { assessmentId: elsewhere.id, userId: outsider.id, startedAt },
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  it("logs the student's own focus lost and back while their timed work is in progress", async () => {
    expect((await post(student, at(exam), { kind: "focus_lost" })).status).toBe(204);
    const back = await post(student, at(exam), { kind: "focus_back", awayMs: 4200 });
    expect(back.status).toBe(204);
    expect(back.headers.get("cache-control")).toContain("no-store");
    expect(await logOf(student, exam)).toEqual([
      { kind: "focus_lost", detail: null },
      { kind: "focus_back", detail: { awayMs: 4200 } },
    ]);
  });

  it("refuses a classmate who has not started, a finished student, untimed work, staff and another course's student", async () => {
    const notStarted = await post(classmate, at(exam), { kind: "focus_lost" });
    expect(notStarted.status).toBe(403);
    expect(await notStarted.json()).toMatchObject({ error: "You are not taking this assessment right now." });
    expect((await post(finisher, at(exam), { kind: "focus_lost" })).status).toBe(403);
    expect((await post(student, at(homework), { kind: "focus_lost" })).status).toBe(403);
    // Staff have no exam to report on; another course's student, their own exam through this course, or this course's exam: not found.
    expect((await post(instructor, at(exam), { kind: "focus_lost" })).status).toBe(404);
    expect((await post(outsider, at(exam), { kind: "focus_lost" })).status).toBe(404);
    expect((await post(outsider, at(elsewhere), { kind: "focus_lost" })).status).toBe(404);
    expect((await post(student, at(elsewhere), { kind: "focus_lost" })).status).toBe(404);
    expect((await post(student, at(elsewhere, "other"), { kind: "focus_lost" })).status).toBe(404);
    expect((await post(student, { slug: "events", assessmentId: "not-a-uuid" }, { kind: "focus_lost" })).status).toBe(404);
    expect((await post(null, at(exam), { kind: "focus_lost" })).status).toBe(401);
    // Nothing of that reached any log.
    for (const user of [classmate, finisher, instructor, outsider]) expect(await logOf(user, exam)).toEqual([]);
    expect(await logOf(student, homework)).toEqual([]);
    expect(await logOf(outsider, elsewhere)).toEqual([]);
  });

  it("refuses malformed and oversized bodies, other origins and other content types", async () => {
    const before = (await logOf(student, exam)).length;
    for (const body of [{ kind: "start" }, { kind: "focus_lost", extra: 1 }, { kind: "focus_back", awayMs: -1 }, { kind: "focus_back", awayMs: 1.5 }, {}]) {
      const response = await post(student, at(exam), body);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    const oversized = await post(student, at(exam), JSON.stringify({ kind: "focus_lost", pad: "x".repeat(MAX_FOCUS_EVENT_BYTES) }));
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: string }).error).toBe("The request is over 1 KB.");
    expect((await post(student, at(exam), "{not json")).status).toBe(422);
    expect((await post(student, at(exam), { kind: "focus_lost" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post(student, at(exam), { kind: "focus_lost" }, { "content-type": "text/plain" })).status).toBe(415);
    expect((await logOf(student, exam)).length).toBe(before);
  });

  it(`limits reports to ${FOCUS_EVENT_RATE.limit} a minute per student and assessment`, async () => {
    const fresh = await createUser(handle.db, { email: "rate@events.test", name: "Rate" });
    const [course] = await handle.db.query.courses.findMany({ where: (c, { eq: is }) => is(c.slug, "events") });
    await enrolUser(handle.db, course!.id, fresh.id, "student");
    await handle.db.insert(assessmentStarts).values({ assessmentId: exam.id, userId: fresh.id, startedAt: new Date() });
    for (let i = 0; i < FOCUS_EVENT_RATE.limit; i++) expect((await post(fresh, at(exam), { kind: i % 2 ? "focus_back" : "focus_lost" })).status).toBe(204);
    const refused = await post(fresh, at(exam), { kind: "focus_lost" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await logOf(fresh, exam)).length).toBe(FOCUS_EVENT_RATE.limit);
  });
});
