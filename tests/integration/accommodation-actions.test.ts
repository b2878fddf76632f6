import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { listAccommodationGroups, listCourseGrants } from "@/lib/accommodations";
import { createUser } from "@/lib/users/users";
import { createAccommodationHandlers } from "@/app/courses/[slug]/manage/accommodations/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const as = (user: User) => createAccommodationHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe.each(testBackends())("accommodation server actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User;
  let courseId: string;
  let hw: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "nn", title: "Neural networks", timeZone: "Europe/Berlin" });
    courseId = course.id;
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    student = await createUser(db, { email: "learn@example.org", name: "Lea Learner" });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, student.id, "student");
    // 18:00 in Berlin (CET).
    hw = (await db.insert(assessments).values({ courseId, title: "Homework 1", dueAt: new Date("2026-12-08T17:00:00Z") }).returning())[0]!.id;
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  const grantForm = (fields: Record<string, string>) =>
    form({ slug: "nn", target: `user:${student.id}`, assessmentId: hw, dueAt: "", extraAttempts: "0", timeMultiplier: "", note: "", ...fields });

  it("reads the due date on the course's clock and says what was granted", async () => {
    const result = await as(instructor).grant(grantForm({ dueAt: "2026-12-10T18:00", extraAttempts: "1", waiveLatePenalty: "on" }));
    expect(result).toEqual({ ok: true, data: { message: "Granted: Lea Learner: due 2026-12-10 18:00 on Homework 1, +1 attempt, late penalty waived." } });
    const [grant] = await listCourseGrants(handle.db, courseId);
    expect(grant).toMatchObject({ dueAt: new Date("2026-12-10T17:00:00Z"), extraAttempts: 1, waiveLatePenalty: true, grantedByName: "Teach" });
  });

  it("returns field errors: a due date before the assessment's, a date that does not exist, nothing granted, a bad multiplier", async () => {
    expect(await as(instructor).grant(grantForm({ dueAt: "2026-12-08T17:00" }))).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { dueAt: ["must be after the due date of Homework 1 (Tue, 8 Dec 2026, 18:00 CET)"] },
    });
    expect(await as(instructor).grant(grantForm({ dueAt: "2026-03-29T02:30" }))).toMatchObject({
      fieldErrors: { dueAt: ["2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts"] },
    });
    expect(await as(instructor).grant(grantForm({}))).toMatchObject({ fieldErrors: { extraAttempts: [expect.stringMatching(/^grants nothing/)] } });
    expect(await as(instructor).grant(grantForm({ assessmentId: "all", timeMultiplier: "0.5" }))).toMatchObject({ fieldErrors: { timeMultiplier: ["must be at least 1"] } });
    expect(await as(instructor).grant(grantForm({ target: "user:nobody" }))).toMatchObject({ fieldErrors: { target: ["choose a student or a group"] } });
  });

  it("is for instructors: a TA and a student get not-found", async () => {
    for (const user of [ta, student]) {
      expect(await as(user).grant(grantForm({ extraAttempts: "5" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await as(user).createGroup(form({ slug: "nn", label: "sneaky" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
  });

  it("creates a group, adds a member by email and reports an unknown email", async () => {
    const created = await as(instructor).createGroup(form({ slug: "nn", label: "extra time" }));
    expect(created).toEqual({ ok: true, data: { message: 'Group "extra time" created: add its members below.' } });
    // Refusals carry what was typed, which the form shows again (React resets a form after its action).
    expect(await as(instructor).createGroup(form({ slug: "nn", label: "extra time" }))).toMatchObject({ ok: false, code: "CONFLICT", values: { label: "extra time" } });
    const [group] = await listAccommodationGroups(handle.db, courseId);
    const member = (email: string) => as(instructor).addMember(form({ slug: "nn", groupId: group!.id, email }));
    expect(await member("LEARN@example.org")).toEqual({ ok: true, data: { message: "Lea Learner added." } });
    expect(await member("ta@example.org")).toEqual({
      ok: false,
      code: "NOT_FOUND",
      error: "There is no student with email ta@example.org in this course.",
      values: { slug: "nn", groupId: group!.id, email: "ta@example.org" },
    });
    expect((await listAccommodationGroups(handle.db, courseId))[0]!.members.map((m) => m.name)).toEqual(["Lea Learner"]);
    expect(await as(instructor).removeMember(form({ slug: "nn", groupId: group!.id, userId: student.id }))).toMatchObject({ ok: true });
    await as(instructor).createGroup(form({ slug: "nn", label: "quiet room" }));
    expect(await as(instructor).renameGroup(form({ slug: "nn", groupId: group!.id, label: "quiet room" }))).toMatchObject({ ok: false, code: "CONFLICT", values: { label: "quiet room" } });
    expect(await as(instructor).renameGroup(form({ slug: "nn", groupId: group!.id, label: "more time" }))).toEqual({ ok: true, data: { message: 'Renamed to "more time".' } });
    expect(await as(instructor).deleteGroup(form({ slug: "nn", groupId: group!.id }))).toMatchObject({ ok: true });
    expect((await listAccommodationGroups(handle.db, courseId)).map((g) => g.label)).toEqual(["quiet room"]);
  });

  it("imports a CSV and lists each failing row", async () => {
    const file = (text: string) => new File([text], "a.csv", { type: "text/csv" });
    const bad = await as(instructor).importCsv(form({ slug: "nn", accommodations: file("email,assessment,due\nlearn@example.org,Homework 1,tomorrow\n") }));
    expect(bad).toMatchObject({
      ok: true,
      data: { message: "Nothing was granted: 1 row needs fixing first.", errors: [{ row: 2, message: expect.stringMatching(/^due: "tomorrow" is not a date/) }], applied: [] },
    });
    const good = await as(instructor).importCsv(form({ slug: "nn", accommodations: file("email,assessment,due\nlearn@example.org,Homework 1,2026-12-11 09:00\n") }));
    expect(good).toMatchObject({ ok: true, data: { message: "Applied 1 row.", errors: [], applied: [{ row: 2, action: "changed" }] } });
  });
});
