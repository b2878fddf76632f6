import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessmentStarts, type Assessment, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { grantAccommodation } from "@/lib/accommodations";
import { logExamEvent, type ExamEventKind } from "@/lib/exams/events";
import { getExamMonitor } from "@/lib/exams/monitor";
import { findExamLog } from "@/lib/exams/student-log";
import { formatLogTime } from "@/lib/exams/format";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

// The pages run for real on a real database; only "who is signed in", "which database" and Next's
// redirect/not-found (recorded as errors) are supplied.
const session = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  readSessionState: async () => ({ user: session.user, replaced: false }),
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.db }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));

const MonitorPage = (await import("@/app/courses/[slug]/manage/assessments/[assessmentId]/exam/page")).default;
const LogPage = (await import("@/app/courses/[slug]/manage/assessments/[assessmentId]/exam/[userId]/page")).default;

const MINUTE = 60_000;
// Ten minutes ago, on a whole minute: the pages read the clock themselves.
const T0 = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE);

describe.each(testBackends())("the exam monitor and log on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, ann: User, bob: User, cid: User, dee: User, eve: User, otherInstructor: User, outsider: User;
  let exam: Assessment, untimed: Assessment;

  const log = (user: User, kind: ExamEventKind, minutes: number, detail?: Record<string, string | number>) =>
    logExamEvent(handle.db, { assessmentId: exam.id, userId: user.id, kind, detail, at: new Date(T0.getTime() + minutes * MINUTE) });

  async function render(page: (props: never) => Promise<ReactElement>, as: User | null, params: Record<string, string>): Promise<string> {
    session.user = as;
    const element = await page({ params: Promise.resolve(params) } as never);
    return renderToStaticMarkup(element);
  }

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    session.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "monitor", title: "Monitor", timeZone: "UTC" });
    const other = await createCourse(handle.db, { slug: "elsewhere", title: "Elsewhere", timeZone: "UTC" });
    const make = (name: string) => createUser(handle.db, { email: `${name.toLowerCase()}@monitor.test`, name });
    instructor = await make("Instructor");
    ta = await make("Ta");
    ann = await make("Ann");
    bob = await make("Bob");
    cid = await make("Cid");
    dee = await make("Dee");
    eve = await make("Eve");
    otherInstructor = await make("Other");
    outsider = await make("Outsider");
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    for (const student of [ann, bob, cid, dee, eve]) await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, other.id, otherInstructor.id, "instructor");
    await enrolUser(handle.db, other.id, outsider.id, "student");
    exam = await createAssessment(handle.db, course.id, { title: "Midterm", timeLimitMinutes: 20 });
    untimed = await createAssessment(handle.db, course.id, { title: "Homework" });
    await addExerciseToAssessment(handle.db, course.id, exam.id, { exerciseId: "batching" });
    await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: ann.id }, assessmentId: exam.id, timeMultiplier: 1.5 });

    // Ann: in progress with 1.5× (30 min); Bob: finished; Cid: time up (closed by the server); Dee: past
    // her deadline, not closed yet; Eve: not started.
    await handle.db.insert(assessmentStarts).values([
      { assessmentId: exam.id, userId: ann.id, startedAt: T0 },
      { assessmentId: exam.id, userId: bob.id, startedAt: T0, finishedAt: new Date(T0.getTime() + 12 * MINUTE), finishReason: "finished" },
      { assessmentId: exam.id, userId: cid.id, startedAt: T0, finishedAt: new Date(T0.getTime() + 20 * MINUTE), finishReason: "time_up" },
      { assessmentId: exam.id, userId: dee.id, startedAt: new Date(T0.getTime() - 10 * MINUTE) },
    ]);
    await log(ann, "start", 0);
    await log(ann, "save", 1, { exerciseId: "batching" });
    await log(ann, "focus_lost", 2);
    await log(ann, "focus_back", 2.5, { awayMs: 30_000 });
    await log(ann, "save", 3, { exerciseId: "batching" });
    await log(ann, "focus_lost", 4);
    await log(ann, "focus_back", 6, { awayMs: 125_000 });
    await log(ann, "submit", 7, { exerciseId: "batching" });
    await log(ann, "second_sign_in", 8);
    await log(ann, "run", 9, { exerciseId: "batching" });
    await log(bob, "start", 0);
    await log(bob, "submit", 10, { exerciseId: "batching" });
    await log(bob, "finish", 12);
    await log(cid, "start", 0);
    await log(cid, "save", 5, { exerciseId: "batching" });
    await log(cid, "auto_submit", 20, { exerciseId: "batching" });
    await log(cid, "time_up", 20);
  });
  afterAll(async () => {
    await drop?.();
  });

  it("counts each student's events and says where each one is, deadlines with their multiplier", async () => {
    const now = new Date(T0.getTime() + 10 * MINUTE);
    const rows = await getExamMonitor(handle.db, exam.courseId, exam, now);
    expect(rows.map((row) => row.name)).toEqual(["Ann", "Bob", "Cid", "Dee", "Eve"]);
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    expect(byName.Ann).toMatchObject({
      status: "in_progress",
      minutes: 30,
      multiplier: 1.5,
      deadline: new Date(T0.getTime() + 30 * MINUTE),
      remainingMs: 20 * MINUTE,
      counts: { focusLost: 2, saves: 2, submits: 1, secondSignIns: 1 },
    });
    expect(byName.Bob).toMatchObject({ status: "finished", minutes: 20, multiplier: null, remainingMs: null, counts: { focusLost: 0, saves: 0, submits: 1, secondSignIns: 0 } });
    expect(byName.Cid).toMatchObject({ status: "time_up", counts: { focusLost: 0, saves: 1, submits: 1, secondSignIns: 0 } });
    expect(byName.Dee).toMatchObject({ status: "time_up", remainingMs: null, finishedAt: null });
    expect(byName.Eve).toMatchObject({ status: "not_started", startedAt: null, deadline: null, counts: { focusLost: 0, saves: 0, submits: 0, secondSignIns: 0 } });
    // Staff are not on the monitor.
    expect(rows.some((row) => row.userId === instructor.id || row.userId === ta.id)).toBe(false);
  });

  it("tells a student's log in words, oldest first, and has none for staff or another course's student", async () => {
    const annLog = await findExamLog(handle.db, exam.courseId, exam, ann.id, new Date(T0.getTime() + 10 * MINUTE));
    expect(annLog?.events.map((event) => event.text)).toEqual([
      "Started the assessment",
      "Saved a draft of “Batches and steps per epoch”",
      "Left the exam (the browser reported that the page lost focus)",
      "Came back to the exam after 30 s",
      "Saved a draft of “Batches and steps per epoch”",
      "Left the exam (the browser reported that the page lost focus)",
      "Came back to the exam after 2 min 5 s",
      "Submitted “Batches and steps per epoch”",
      "Signed in again somewhere else; the earlier session was signed out",
      "Ran the visible examples of “Batches and steps per epoch”",
    ]);
    expect(annLog?.line.counts).toEqual({ focusLost: 2, saves: 2, submits: 1, secondSignIns: 1 });
    const cidLog = await findExamLog(handle.db, exam.courseId, exam, cid.id);
    expect(cidLog?.events.map((event) => event.kind)).toEqual(["start", "save", "auto_submit", "time_up"]);
    expect(cidLog?.events[2]?.text).toBe("The draft of “Batches and steps per epoch” was submitted automatically");
    expect(await findExamLog(handle.db, exam.courseId, exam, instructor.id)).toBeNull();
    expect(await findExamLog(handle.db, exam.courseId, exam, outsider.id)).toBeNull();
    expect(await findExamLog(handle.db, exam.courseId, exam, "not-a-uuid")).toBeNull();
  });

  it("shows staff the monitor and the log pages", async () => {
    const params = { slug: "monitor", assessmentId: exam.id };
    for (const staff of [instructor, ta]) {
      const html = await render(MonitorPage, staff, params);
      expect(html).toContain("Exam monitor: Midterm");
      expect(html).toMatch(/1 in progress · 1 finished · 2 time up · 1 not started/);
      expect(html).toContain("30 min (1.5×)");
      expect(html).toContain(`href="/courses/monitor/manage/assessments/${exam.id}/exam/${ann.id}"`);
    }
    const annRow = (await render(MonitorPage, instructor, params)).match(new RegExp(`<tr data-user-id="${ann.id}".*?</tr>`))?.[0] ?? "";
    expect(annRow).toMatch(/data-label="Focus lost">2</);
    expect(annRow).toMatch(/data-label="Saves">2</);
    expect(annRow).toMatch(/data-label="Submits">1</);

    const logHtml = await render(LogPage, ta, { ...params, userId: ann.id });
    expect(logHtml).toContain("Ann: Midterm");
    expect(logHtml).toContain("Came back to the exam after 2 min 5 s");
    expect(logHtml).toContain(`<time dateTime="${new Date(T0.getTime() + 2 * MINUTE).toISOString()}">${formatLogTime(new Date(T0.getTime() + 2 * MINUTE), "UTC")}</time>`);
    expect(formatLogTime(new Date("2026-12-07T09:02:03Z"), "Europe/Berlin")).toBe("Mon 7 Dec, 10:02:03 CET");

    const untimedHtml = await render(MonitorPage, instructor, { slug: "monitor", assessmentId: untimed.id });
    expect(untimedHtml).toContain("has no time limit");
  });

  it("refuses students, another course's staff and unknown ids the monitor and the log; sends the anonymous to sign in", async () => {
    const params = { slug: "monitor", assessmentId: exam.id };
    for (const who of [ann, eve, otherInstructor, outsider]) {
      await expect(render(MonitorPage, who, params), who.name).rejects.toThrow("NOT_FOUND");
      await expect(render(LogPage, who, { ...params, userId: ann.id }), who.name).rejects.toThrow("NOT_FOUND");
    }
    // Another course's assessment through this course, a staff member's "log", an unknown assessment.
    const otherExam = await createAssessment(handle.db, (await handle.db.query.courses.findFirst({ where: (c, { eq }) => eq(c.slug, "elsewhere") }))!.id, {
      title: "Theirs",
      timeLimitMinutes: 10,
    });
    await expect(render(MonitorPage, instructor, { slug: "monitor", assessmentId: otherExam.id })).rejects.toThrow("NOT_FOUND");
    await expect(render(MonitorPage, otherInstructor, { slug: "elsewhere", assessmentId: exam.id })).rejects.toThrow("NOT_FOUND");
    await expect(render(LogPage, instructor, { ...params, userId: ta.id })).rejects.toThrow("NOT_FOUND");
    await expect(render(LogPage, instructor, { ...params, userId: outsider.id })).rejects.toThrow("NOT_FOUND");
    await expect(render(MonitorPage, instructor, { slug: "monitor", assessmentId: "nope" })).rejects.toThrow("NOT_FOUND");
    await expect(render(MonitorPage, null, params)).rejects.toThrow(`REDIRECT /signin?callbackUrl=${encodeURIComponent(`/courses/monitor/manage/assessments/${exam.id}/exam`)}`);
  });
});
