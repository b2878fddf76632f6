import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readAssignment, setAssessmentOf } from "../helpers/assignment-rows";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { assignments, courses, exercises, users, type User } from "@/lib/db/schema";
import { createCourse, enrolUser, findMembership } from "@/lib/courses/courses";
import { createAssignment, getCourseAssignment } from "@/lib/courses/assignments";
import { createUser, findUserByEmail } from "@/lib/users/users";
import { createAdminHandlers } from "@/app/admin/handlers";
import { createJoinHandlers } from "@/app/join/handlers";
import { createRosterHandlers } from "@/app/courses/[slug]/manage/roster/handlers";
import { createAssignmentHandlers } from "@/app/courses/[slug]/manage/assignments/[assignmentId]/handlers";
import { createNewAssignmentHandlers } from "@/app/courses/[slug]/manage/assignments/new/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

function as(user: User) {
  const dependencies = { requireUser: async () => user, logError: vi.fn() };
  return {
    admin: createAdminHandlers(dependencies),
    join: createJoinHandlers(dependencies),
    roster: createRosterHandlers(dependencies),
    assignment: createAssignmentHandlers(dependencies),
    newAssignment: createNewAssignmentHandlers(dependencies),
  };
}

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const csv = (text: string) => new File([text], "roster.csv", { type: "text/csv" });

describe.each(testBackends())("instructor server actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, outsider: User, admin: User;
  let assignmentId: string;
  let courseId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "nn", title: "Neural networks", timeZone: "Europe/Berlin" });
    courseId = course.id;
    const other = await createCourse(db, { slug: "other", title: "Other course" });
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    student = await createUser(db, { email: "learn@example.org", name: "Learn" });
    outsider = await createUser(db, { email: "elsewhere@example.org", name: "Elsewhere" });
    admin = await createUser(db, { email: "root@example.org", name: "Root", isAdmin: true });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, student.id, "student");
    await enrolUser(db, other.id, outsider.id, "instructor");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "softmax", title: "Softmax", topic: "Activation functions", kind: "code", points: 7, difficulty: "easy", currentVersion: "b" },
    ]);
    assignmentId = (await createAssignment(db, course.id, { exerciseId: "adam", dueAt: "2026-12-01T12:00:00Z" })).id;
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  it("refuses every instructor action to a student, a TA and an instructor of another course, changing nothing", async () => {
    const before = await handle.db.select().from(assignments).where(eq(assignments.id, assignmentId));
    for (const user of [student, ta, outsider]) {
      const act = as(user);
      const attempts = [
        act.roster.importRoster(form({ slug: "nn", roster: csv("email,name\nsneaky@example.org,Sneaky\n") })),
        act.roster.changeRole(form({ slug: "nn", userId: user.id, role: "instructor" })),
        act.roster.removeMember(form({ slug: "nn", userId: instructor.id })),
        act.roster.rotateJoinCode(form({ slug: "nn" })),
        act.roster.disableJoinCode(form({ slug: "nn" })),
        act.assignment.updateAssignment(
          form({ slug: "nn", assignmentId, opensAt: "", dueAt: "2030-01-01T00:00", lateCutoffAt: "", attemptLimit: "", points: "1", latePolicy: "none", latePenaltyPerDay: "0" }),
        ),
        act.assignment.removeAssignment(form({ slug: "nn", assignmentId, confirm: "yes" })),
        act.newAssignment.assignExercise(form({ slug: "nn", exerciseId: "softmax" })),
      ];
      for (const result of await Promise.all(attempts)) {
        expect(result).toEqual({ ok: false, code: "NOT_FOUND", error: "No such course." });
      }
    }
    expect(await findUserByEmail(handle.db, "sneaky@example.org")).toBeNull();
    expect((await findMembership(handle.db, courseId, student.id))?.role).toBe("student");
    expect((await findMembership(handle.db, courseId, instructor.id))?.role).toBe("instructor");
    expect(await handle.db.select().from(assignments).where(eq(assignments.id, assignmentId))).toEqual(before);
    expect((await handle.db.select().from(courses).where(eq(courses.id, courseId)))[0]?.joinCode).toBeNull();
  });

  it("refuses the admin actions to anyone but a site admin", async () => {
    for (const user of [student, instructor]) {
      const act = as(user);
      expect(await act.admin.createCourse(form({ slug: "sneaky", title: "Sneaky", timeZone: "UTC" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      // Malformed input gets the same not-found: no field errors that would show the admin form exists.
      expect(await act.admin.createCourse(form({ slug: "", title: "" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await act.admin.grantInstructor(form({}))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await act.admin.grantInstructor(form({ courseSlug: "nn", email: user.email, name: "" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect((await handle.db.select().from(courses).where(eq(courses.slug, "sneaky"))).length).toBe(0);
    expect((await findMembership(handle.db, courseId, student.id))?.role).toBe("student");

    const act = as(admin);
    expect(await act.admin.createCourse(form({ slug: "made", title: "Made by admin", timeZone: "America/New_York", description: "" }))).toMatchObject({ ok: true });
    const granted = await act.admin.grantInstructor(form({ courseSlug: "made", email: "prof@example.org", name: "Prof" }));
    expect(granted.ok && granted.data.initialPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await act.admin.createCourse(form({ slug: "made", title: "Again", timeZone: "UTC" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await act.admin.createCourse(form({ slug: "zoned", title: "Zoned", timeZone: "Nowhere/Land" }))).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { timeZone: ["must be an IANA time zone such as Europe/Berlin"] },
    });
  });

  it("imports a roster for an instructor, reporting bad rows by line and new passwords once", async () => {
    const result = await as(instructor).roster.importRoster(
      form({ slug: "nn", roster: csv("email,name\nnew1@example.org,New One\nnot-an-email,Broken\nlearn@example.org,Learn\n\"new2@example.org\",\"Two, New\"\n") }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.errors).toEqual([{ line: 3, message: "email: must be an email address" }]);
    expect(result.data.enrolled.map((row) => [row.line, row.email, row.name])).toEqual([
      [2, "new1@example.org", "New One"],
      [5, "new2@example.org", "Two, New"],
    ]);
    expect(result.data.alreadyMembers).toEqual(["learn@example.org"]);
    expect(result.data.created.map((c) => c.email)).toEqual(["new1@example.org", "new2@example.org"]);
    const stored = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, "new1@example.org"));
    expect(stored[0]?.hash).not.toContain(result.data.created[0]!.initialPassword);

    expect(await as(instructor).roster.importRoster(form({ slug: "nn", roster: csv("") }))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });

  it("edits an assignment in the course's time zone, with field errors for a skipped hour and a due date before opening", async () => {
    const act = as(instructor);
    const fields = { slug: "nn", assignmentId, opensAt: "2026-03-20T09:00", lateCutoffAt: "2026-04-03T23:59", attemptLimit: "3", points: "20", latePolicy: "penalty", latePenaltyPerDay: "12.5" };
    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "2026-03-29T02:30" }))).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      error: "Some fields need attention.",
      fieldErrors: { dueAt: ["2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts"] },
    });
    // Messages name other fields by the form's labels (Opens, Due), never by their internal names.
    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "2026-03-19T09:00" }))).toMatchObject({
      ok: false,
      fieldErrors: { dueAt: ["must not be earlier than Opens"] },
    });
    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "2026-03-30T17:00", lateCutoffAt: "2026-03-30T16:00" }))).toMatchObject({
      ok: false,
      fieldErrors: { lateCutoffAt: ["must not be earlier than Due"] },
    });
    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "2026-03-30T17:00", attemptLimit: "0" }))).toMatchObject({
      ok: false,
      fieldErrors: { attemptLimit: ["must be at least 1"] },
    });

    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "2026-03-30T17:00" }))).toMatchObject({ ok: true });
    const saved = await readAssignment(handle.db, courseId, assignmentId);
    expect(saved.opensAt?.toISOString()).toBe("2026-03-20T08:00:00.000Z"); // CET
    expect(saved.dueAt?.toISOString()).toBe("2026-03-30T15:00:00.000Z"); // CEST
    expect(saved).toMatchObject({ attemptLimit: 3, points: 20, latePolicy: "penalty", latePenaltyPerDay: "12.50" });

    expect(await act.assignment.updateAssignment(form({ ...fields, dueAt: "", opensAt: "", lateCutoffAt: "", attemptLimit: "" }))).toMatchObject({ ok: true });
    expect(await readAssignment(handle.db, courseId, assignmentId)).toMatchObject({ dueAt: null, opensAt: null, attemptLimit: null });
  });

  it("saves only the fields the instructor changed, keeping the late policy and a date's stored seconds", async () => {
    const act = as(instructor);
    // Stored with seconds, which a datetime-local control does not show.
    await setAssessmentOf(handle.db, assignmentId, { opensAt: new Date("2026-03-20T08:00:42.5Z"), dueAt: new Date("2026-03-30T15:00:00Z"), latePolicy: "penalty", latePenaltyPerDay: "20.00", lateCutoffAt: new Date("2026-04-02T15:00:00Z"), points: 15, attemptLimit: null });
    const shown = { opensAt: "2026-03-20T09:00", dueAt: "2026-03-30T17:00", attemptLimit: "", points: "15", latePolicy: "penalty", latePenaltyPerDay: "20", lateCutoffAt: "2026-04-02T17:00" };
    const submit = (changes: Record<string, string>, showing: Record<string, string> = shown) =>
      act.assignment.updateAssignment(form({ slug: "nn", assignmentId, ...shown, ...changes, shown: JSON.stringify(showing) }));

    expect(await submit({ points: "25" })).toMatchObject({ ok: true, data: { message: expect.stringMatching(/^Saved Points\./) } });
    const saved = await readAssignment(handle.db, courseId, assignmentId);
    expect(saved).toMatchObject({ points: 25, latePolicy: "penalty", latePenaltyPerDay: "20.00", attemptLimit: null });
    expect(saved.opensAt?.toISOString()).toBe("2026-03-20T08:00:42.500Z");
    expect(saved.lateCutoffAt?.toISOString()).toBe("2026-04-02T15:00:00.000Z");

    // A field another instructor changed meanwhile is not overwritten with the value this form showed.
    await setAssessmentOf(handle.db, assignmentId, { attemptLimit: 7 });
    expect(await submit({ points: "30" }, { ...shown, points: "25" })).toMatchObject({ ok: true });
    expect(await readAssignment(handle.db, courseId, assignmentId)).toMatchObject({ points: 30, attemptLimit: 7, latePolicy: "penalty" });

    expect(await submit({ points: "30" }, { ...shown, points: "30" })).toEqual({ ok: true, data: { message: "Nothing to save: no field was changed." } });
    // A change that contradicts a stored field is refused, naming both by their labels.
    expect(await submit({ lateCutoffAt: "2026-03-29T10:00" }, { ...shown, points: "30" })).toMatchObject({
      ok: false,
      fieldErrors: { lateCutoffAt: ["must not be earlier than Due"] },
    });
  });

  it("assigns an exercise once, and refuses to remove an assignment without confirmation", async () => {
    const act = as(instructor);
    const created = await act.newAssignment.assignExercise(form({ slug: "nn", exerciseId: "softmax" }));
    expect(created).toMatchObject({ ok: true, data: { slug: "nn" } });
    // Worth the exercise's own points.
    expect((await getCourseAssignment(handle.db, courseId, created.ok ? created.data.assignmentId : "")).points).toBe(7);
    expect(await act.newAssignment.assignExercise(form({ slug: "nn", exerciseId: "softmax" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await act.newAssignment.assignExercise(form({ slug: "nn", exerciseId: "no-such" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const id = created.ok ? created.data.assignmentId : "";
    expect(await act.assignment.removeAssignment(form({ slug: "nn", assignmentId: id }))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await act.assignment.removeAssignment(form({ slug: "other", assignmentId: id, confirm: "yes" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await act.assignment.removeAssignment(form({ slug: "nn", assignmentId: id, confirm: "yes" }))).toMatchObject({ ok: true });
    await expect(getCourseAssignment(handle.db, courseId, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a student join with the instructor's code, and protects the last instructor", async () => {
    const rotated = await as(instructor).roster.rotateJoinCode(form({ slug: "nn" }));
    expect(rotated.ok).toBe(true);
    const code = rotated.ok ? rotated.data.message.match(/[A-Z0-9]{5}-[A-Z0-9]{5}/)?.[0] : undefined;
    expect(code).toBeDefined();
    const newcomer = await createUser(handle.db, { email: "newcomer@example.org", name: "Newcomer" });
    expect(await as(newcomer).join.join(form({ code: "WRONG-CODE2" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(newcomer).join.join(form({ code: code! }))).toMatchObject({ ok: true, data: { slug: "nn" } });
    expect((await findMembership(handle.db, courseId, newcomer.id))?.role).toBe("student");

    expect(await as(instructor).roster.changeRole(form({ slug: "nn", userId: instructor.id, role: "student" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await as(instructor).roster.changeRole(form({ slug: "nn", userId: newcomer.id, role: "ta" }))).toMatchObject({ ok: true });
    expect(await as(instructor).roster.removeMember(form({ slug: "nn", userId: newcomer.id }))).toMatchObject({ ok: true });
    expect(await findMembership(handle.db, courseId, newcomer.id)).toBeNull();
  });
});
