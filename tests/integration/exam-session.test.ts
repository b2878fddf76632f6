import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessmentStarts, examEvents, users, type Assessment, type User } from "@/lib/db/schema";
import { isAppError } from "@/lib/errors";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { grantAccommodation } from "@/lib/accommodations";
import { listTimedWorkInProgress } from "@/lib/exams/in-progress";
import { bumpSessionVersion, changePassword, endSessionsOnSignOut } from "@/lib/users/accounts";
import { beginSession, claimCurrentSession, isReplacedDuringTimedWork } from "@/lib/auth/current-session";
import { createUser, findUserById } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

/**
 * One active session during timed work. The lib functions run against a real database; for the guards
 * only next-auth's reading of the cookie (getServerSession) and "which database" are supplied, and Next's
 * redirect is recorded.
 */
const fake = vi.hoisted(() => ({ claims: null as Record<string, unknown> | null, db: null as unknown }));
vi.mock("next-auth", () => ({ getServerSession: async () => (fake.claims ? { user: fake.claims } : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("@/lib/db", () => ({ getDb: async () => fake.db }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));

const { readSessionState, requireUser, findSessionUser, claimSessionForTimedWork, REPLACED_SESSION_MESSAGE } = await import("@/lib/auth/guards");
const { requirePageUser } = await import("@/lib/auth/page-guards");

const MINUTE = 60_000;
const PASSWORD = "a long enough password";

describe.each(testBackends())("one session during timed work on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let n = 0;
  let courseId: string;
  let instructor: User;
  let exam: Assessment, quiz: Assessment, untimed: Assessment;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    fake.db = handle.db;
    const course = await createCourse(handle.db, { slug: "exam-session", title: "Exams", timeZone: "UTC" });
    courseId = course.id;
    instructor = await createUser(handle.db, { email: "teacher@exam.test", name: "Teacher" });
    await enrolUser(handle.db, courseId, instructor.id, "instructor");
    exam = await createAssessment(handle.db, courseId, { title: "Midterm", timeLimitMinutes: 20 });
    quiz = await createAssessment(handle.db, courseId, { title: "Quiz", timeLimitMinutes: 10 });
    untimed = await createAssessment(handle.db, courseId, { title: "Homework" });
  });
  afterAll(async () => {
    await drop?.();
  });
  beforeEach(() => {
    fake.claims = null;
  });

  async function newStudent(): Promise<User> {
    const user = await createUser(handle.db, { email: `student${++n}@exam.test`, name: `Student ${n}`, password: PASSWORD });
    await enrolUser(handle.db, courseId, user.id, "student");
    return user;
  }
  const reread = async (user: User) => (await findUserById(handle.db, user.id))!;
  const start = (user: User, assessment: Assessment, startedAt: Date, finishedAt: Date | null = null) =>
    handle.db.insert(assessmentStarts).values({ assessmentId: assessment.id, userId: user.id, startedAt, finishedAt, finishReason: finishedAt ? "finished" : null });
  const eventsOf = (user: User, kind: string) =>
    handle.db.select().from(examEvents).where(and(eq(examEvents.userId, user.id), eq(examEvents.kind, kind)));
  /** The claims next-auth's session callback gives the guards for a token of this sign-in. */
  const tokenOf = (user: User, sessionId: unknown) => ({ id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId });

  it("gives each sign-in a fresh session id that becomes the account's current one", async () => {
    const student = await newStudent();
    expect(student.currentSessionId).toBeNull();
    const first = await beginSession(handle.db, student.id);
    const second = await beginSession(handle.db, student.id);
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(second).not.toBe(first);
    expect((await reread(student)).currentSessionId).toBe(second);
  });

  it("outside timed work serves every session: before the start, after the finish, after the deadline, on untimed work", async () => {
    const student = await newStudent();
    const t0 = new Date();
    const first = await beginSession(handle.db, student.id, t0);
    await beginSession(handle.db, student.id, t0);
    const user = await reread(student);
    // Nothing started yet.
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(false);
    // A second sign-in before the start logs nothing.
    expect(await eventsOf(student, "second_sign_in")).toEqual([]);

    // Started 5 minutes ago: in progress, the earlier session is not served.
    await start(student, exam, new Date(t0.getTime() - 5 * MINUTE));
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(true);
    expect(await isReplacedDuringTimedWork(handle.db, user, user.currentSessionId, t0)).toBe(false);
    // After its 20-minute deadline (not closed by the server yet): served again.
    expect(await isReplacedDuringTimedWork(handle.db, user, first, new Date(t0.getTime() + 15 * MINUTE + 1))).toBe(false);
    expect(await isReplacedDuringTimedWork(handle.db, user, first, new Date(t0.getTime() + 15 * MINUTE - 1000))).toBe(true);
    // Finished: served again.
    await handle.db.update(assessmentStarts).set({ finishedAt: t0, finishReason: "finished" }).where(eq(assessmentStarts.userId, student.id));
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(false);

    // A start of untimed work is not timed work.
    await start(student, untimed, t0);
    expect(await listTimedWorkInProgress(handle.db, student.id, t0)).toEqual([]);
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(false);
  });

  it("a sign-in during timed work logs second_sign_in on each assessment in progress, and ends the earlier session", async () => {
    const student = await newStudent();
    const t0 = new Date();
    const first = await beginSession(handle.db, student.id, t0);
    await start(student, exam, new Date(t0.getTime() - 2 * MINUTE));
    await start(student, quiz, new Date(t0.getTime() - 30 * MINUTE)); // past its 10 minutes: not in progress
    const work = await listTimedWorkInProgress(handle.db, student.id, t0);
    expect(work.map((w) => w.assessmentId)).toEqual([exam.id]);
    expect(work[0]!.deadline.getTime()).toBe(t0.getTime() - 2 * MINUTE + 20 * MINUTE);
    // The first sign-in's own session is served.
    expect(await isReplacedDuringTimedWork(handle.db, await reread(student), first, t0)).toBe(false);

    const second = await beginSession(handle.db, student.id, t0);
    const logged = await eventsOf(student, "second_sign_in");
    expect(logged.map((event) => [event.assessmentId, event.at.getTime()])).toEqual([[exam.id, t0.getTime()]]);
    const user = await reread(student);
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(true);
    expect(await isReplacedDuringTimedWork(handle.db, user, second, t0)).toBe(false);
    // A token from before session ids existed counts as an earlier sign-in.
    expect(await isReplacedDuringTimedWork(handle.db, user, undefined, t0)).toBe(true);
  });

  it("the time multiplier moves the end of timed work", async () => {
    const student = await newStudent();
    await grantAccommodation(handle.db, { courseId, actorId: instructor.id }, { target: { userId: student.id }, assessmentId: exam.id, timeMultiplier: 1.5 });
    const t0 = new Date();
    const first = await beginSession(handle.db, student.id, t0);
    await beginSession(handle.db, student.id, t0);
    await start(student, exam, new Date(t0.getTime() - 25 * MINUTE)); // 30 minutes with 1.5×
    const user = await reread(student);
    expect((await listTimedWorkInProgress(handle.db, student.id, t0))[0]?.deadline.getTime()).toBe(t0.getTime() + 5 * MINUTE);
    expect(await isReplacedDuringTimedWork(handle.db, user, first, t0)).toBe(true);
    expect(await isReplacedDuringTimedWork(handle.db, user, first, new Date(t0.getTime() + 5 * MINUTE))).toBe(false);
  });

  it("after a sign-out no session is current, so the next sign-in is no second one", async () => {
    const student = await newStudent();
    const t0 = new Date();
    await beginSession(handle.db, student.id, t0);
    await start(student, exam, new Date(t0.getTime() - MINUTE));
    expect(await endSessionsOnSignOut(handle.db, { sub: student.id, sv: student.sessionVersion })).toBe(true);
    expect((await reread(student)).currentSessionId).toBeNull();
    await beginSession(handle.db, student.id, t0);
    expect(await eventsOf(student, "second_sign_in")).toEqual([]);
    // The signed-out token is dead by its version anyway; a password change and "everywhere" clear it too.
    expect((await reread(student)).sessionVersion).toBe(student.sessionVersion + 1);
    await changePassword(handle.db, student.id, { currentPassword: PASSWORD, newPassword: "another long enough password" });
    expect((await reread(student)).currentSessionId).toBeNull();
    await beginSession(handle.db, student.id, t0);
    await bumpSessionVersion(handle.db, student.id);
    expect((await reread(student)).currentSessionId).toBeNull();
  });

  it("the guards treat a replaced token as signed out only during timed work, and say why", async () => {
    const student = await newStudent();
    const first = await beginSession(handle.db, student.id);
    const second = await beginSession(handle.db, student.id);
    const user = await reread(student);

    // Before the start both tokens are served.
    fake.claims = tokenOf(user, first);
    expect((await findSessionUser())?.id).toBe(student.id);
    fake.claims = tokenOf(user, second);
    expect((await requireUser()).id).toBe(student.id);

    await start(student, exam, new Date(Date.now() - MINUTE));
    fake.claims = tokenOf(user, first);
    expect(await readSessionState()).toEqual({ user: null, replaced: true });
    const refused = await requireUser().then(() => null, (error: unknown) => error);
    expect(isAppError(refused) && refused.code === "UNAUTHENTICATED" && refused.message).toBe(REPLACED_SESSION_MESSAGE);
    await expect(requirePageUser("/courses/exam-session")).rejects.toThrow(
      "REDIRECT /signin?callbackUrl=%2Fcourses%2Fexam-session&reason=signed-in-elsewhere",
    );
    // A token without a session id, during the exam: signed out too.
    fake.claims = tokenOf(user, undefined);
    expect((await readSessionState()).replaced).toBe(true);
    // The newest sign-in's token is served.
    fake.claims = tokenOf(user, second);
    expect((await readSessionState()).user?.id).toBe(student.id);
    // A token of an old session version is signed out for that reason, with no word about timed work.
    fake.claims = { ...tokenOf(user, second), sessionVersion: user.sessionVersion - 1 };
    expect(await readSessionState()).toEqual({ user: null, replaced: false });
    await expect(requirePageUser("/x")).rejects.toThrow("REDIRECT /signin?callbackUrl=%2Fx");
    fake.claims = null;
    await expect(requireUser()).rejects.toThrow("Sign in to continue.");

    // Finished: both served again.
    await handle.db.update(assessmentStarts).set({ finishedAt: new Date(), finishReason: "finished" }).where(eq(assessmentStarts.userId, student.id));
    fake.claims = tokenOf(user, first);
    expect((await readSessionState()).user?.id).toBe(student.id);
  });

  it("the session that starts timed work claims it, so an earlier sign-in elsewhere is the one that ends", async () => {
    const student = await newStudent();
    const laptop = await beginSession(handle.db, student.id);
    const phone = await beginSession(handle.db, student.id);
    const user = await reread(student);
    expect(user.currentSessionId).toBe(phone);
    fake.claims = tokenOf(user, laptop);
    await claimSessionForTimedWork(user);
    expect((await reread(student)).currentSessionId).toBe(laptop);
    // Another account's token cannot claim this account's session.
    fake.claims = tokenOf(instructor, "x");
    await claimSessionForTimedWork(user);
    expect((await reread(student)).currentSessionId).toBe(laptop);
    await start(student, exam, new Date());
    const now = await reread(student);
    expect(await isReplacedDuringTimedWork(handle.db, now, laptop)).toBe(false);
    expect(await isReplacedDuringTimedWork(handle.db, now, phone)).toBe(true);
    await claimCurrentSession(handle.db, student.id, phone);
    expect((await handle.db.select({ id: users.currentSessionId }).from(users).where(eq(users.id, student.id)))[0]?.id).toBe(phone);
  });
});
