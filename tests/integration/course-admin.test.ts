import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { courses, exercises, submissions } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { listCourseSummaries } from "@/lib/admin/course-summaries";
import { grantInstructor } from "@/lib/admin/instructors";
import { listCatalogueForCourse } from "@/lib/courses/assignment-catalogue";
import { countAssignmentActivity, createAssignment, deleteAssignment, listCourseAssignments } from "@/lib/courses/assignments";
import { createCourse, enrolUser, findMembership } from "@/lib/courses/courses";
import { disableJoinCode, formatJoinCode, generateJoinCode, JOIN_ATTEMPT_LIMIT, joinCourseWithCode, rotateJoinCode } from "@/lib/courses/join-code";
import { changeMemberRole, countCourseMembers, listCourseMembers } from "@/lib/courses/members";
import { removeCourseMember } from "@/lib/workflows/remove-course-member";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createUser, findUserByEmail } from "@/lib/users/users";
import { DEMO_ADMIN, DEMO_PASSWORD, describeDemoAccounts, seedDemo } from "@/lib/seed/demo";
import { listCoursesForUser } from "@/lib/courses/courses";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("courses, people and join codes on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("seeds a site admin who belongs to no course, once", async () => {
    await seedDemo(handle.db);
    expect(await seedDemo(handle.db)).toEqual({ created: false });
    const admin = await verifyCredentials(handle.db, { email: DEMO_ADMIN.email, password: DEMO_PASSWORD });
    expect(admin).not.toBeNull();
    const stored = await findUserByEmail(handle.db, DEMO_ADMIN.email);
    expect(stored?.isAdmin).toBe(true);
    expect(await listCoursesForUser(handle.db, stored!.id)).toEqual([]);
    expect((await findUserByEmail(handle.db, "instructor@demo.local"))?.isAdmin).toBe(false);
    expect(describeDemoAccounts()).toContain("admin@demo.local");
  });

  it("creates a course, refusing a taken address and an unknown time zone", async () => {
    const course = await createCourse(handle.db, { slug: "deep-2027", title: "Deep learning", timeZone: "Europe/Berlin" });
    expect(course.timeZone).toBe("Europe/Berlin");
    await expect(createCourse(handle.db, { slug: "deep-2027", title: "Copy" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createCourse(handle.db, { slug: "mars", title: "Mars", timeZone: "Mars/Olympus" })).rejects.toThrow(/IANA time zone/);
    await expect(createCourse(handle.db, { slug: "Bad Slug", title: "x" })).rejects.toThrow(/lower-case words/);
  });

  it("makes a new account an instructor with a one-time password, and an existing account keeps its password", async () => {
    await createCourse(handle.db, { slug: "grant", title: "Grant" });
    const fresh = await grantInstructor(handle.db, { courseSlug: "grant", email: "New.Teacher@Example.org", name: "New Teacher" });
    expect(fresh.user.email).toBe("new.teacher@example.org");
    expect(fresh.initialPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await verifyCredentials(handle.db, { email: "new.teacher@example.org", password: fresh.initialPassword! })).not.toBeNull();
    expect((await findUserByEmail(handle.db, "new.teacher@example.org"))?.passwordHash).not.toContain(fresh.initialPassword);

    const existing = await createUser(handle.db, { email: "old@example.org", name: "Old", password: "old-password" });
    const grant = await grantInstructor(handle.db, { courseSlug: "grant", email: "old@example.org" });
    expect(grant.initialPassword).toBeNull();
    expect(await verifyCredentials(handle.db, { email: "old@example.org", password: "old-password" })).not.toBeNull();
    const course = (await handle.db.select().from(courses).where(eq(courses.slug, "grant")))[0]!;
    expect((await findMembership(handle.db, course.id, existing.id))?.role).toBe("instructor");

    await expect(grantInstructor(handle.db, { courseSlug: "nope", email: "x@example.org", name: "X" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(grantInstructor(handle.db, { courseSlug: "grant", email: "nameless@example.org" })).rejects.toThrow(/needs a name/);
    expect(await findUserByEmail(handle.db, "nameless@example.org")).toBeNull();

    const summary = (await listCourseSummaries(handle.db)).find((row) => row.course.slug === "grant");
    expect(summary).toMatchObject({ instructors: 2, students: 0 });
  });

  it("never demotes or removes a course's last instructor, and changes other roles", async () => {
    const course = await createCourse(handle.db, { slug: "roles", title: "Roles" });
    const ada = await createUser(handle.db, { email: "ada@example.org", name: "Ada" });
    const bob = await createUser(handle.db, { email: "bob@example.org", name: "Bob" });
    const cy = await createUser(handle.db, { email: "cy@example.org", name: "Cy" });
    await enrolUser(handle.db, course.id, ada.id, "instructor");
    await enrolUser(handle.db, course.id, bob.id, "student");
    await enrolUser(handle.db, course.id, cy.id, "student");

    await expect(changeMemberRole(handle.db, course.id, ada.id, "ta")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeCourseMember(handle.db, course.id, ada.id, ada.id)).rejects.toThrow(/at least one instructor/);
    await changeMemberRole(handle.db, course.id, bob.id, "instructor");
    await changeMemberRole(handle.db, course.id, ada.id, "ta");
    await expect(changeMemberRole(handle.db, course.id, bob.id, "student")).rejects.toMatchObject({ code: "CONFLICT" });
    await removeCourseMember(handle.db, course.id, cy.id, ada.id);
    await expect(removeCourseMember(handle.db, course.id, cy.id, ada.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect((await listCourseMembers(handle.db, course.id)).map((m) => [m.email, m.role])).toEqual([
      ["bob@example.org", "instructor"],
      ["ada@example.org", "ta"],
    ]);
    expect(await countCourseMembers(handle.db, course.id)).toEqual({ instructor: 1, ta: 1, student: 0 });
  });

  it("keeps one instructor when two instructors demote each other at the same moment", async () => {
    const course = await createCourse(handle.db, { slug: "race", title: "Race" });
    const one = await createUser(handle.db, { email: "one@example.org", name: "One" });
    const two = await createUser(handle.db, { email: "two@example.org", name: "Two" });
    await enrolUser(handle.db, course.id, one.id, "instructor");
    await enrolUser(handle.db, course.id, two.id, "instructor");
    const results = await Promise.allSettled([
      changeMemberRole(handle.db, course.id, one.id, "student"),
      changeMemberRole(handle.db, course.id, two.id, "student"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await countCourseMembers(handle.db, course.id)).instructor).toBe(1);
  });

  it("joins by code as a student, keeps an existing role, and stops old and disabled codes", async () => {
    const course = await createCourse(handle.db, { slug: "join", title: "Join me" });
    const student = await createUser(handle.db, { email: "joiner@example.org", name: "Joiner" });
    const ta = await createUser(handle.db, { email: "join-ta@example.org", name: "TA" });
    await enrolUser(handle.db, course.id, ta.id, "ta");

    await expect(joinCourseWithCode(handle.db, student.id, "ABCDE-23456")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const code = await rotateJoinCode(handle.db, course.id);
    const typed = ` ${formatJoinCode(code).toLowerCase()} `;
    const joined = await joinCourseWithCode(handle.db, student.id, typed);
    expect(joined).toMatchObject({ alreadyMember: false, course: { slug: "join" } });
    expect((await findMembership(handle.db, course.id, student.id))?.role).toBe("student");
    expect((await joinCourseWithCode(handle.db, ta.id, code)).alreadyMember).toBe(true);
    expect((await findMembership(handle.db, course.id, ta.id))?.role).toBe("ta");

    const next = await rotateJoinCode(handle.db, course.id);
    expect(next).not.toBe(code);
    await expect(joinCourseWithCode(handle.db, ta.id, code)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await disableJoinCode(handle.db, course.id);
    await expect(joinCourseWithCode(handle.db, ta.id, next)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits join attempts per user, so that codes cannot be guessed", async () => {
    const course = await createCourse(handle.db, { slug: "guess", title: "Guess" });
    const code = await rotateJoinCode(handle.db, course.id);
    const guesser = await createUser(handle.db, { email: "guesser@example.org", name: "Guesser" });
    const now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < JOIN_ATTEMPT_LIMIT.limit; i++) {
      await expect(joinCourseWithCode(handle.db, guesser.id, generateJoinCode(), now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // Even the right code is refused once the attempts are spent.
    const refused = await joinCourseWithCode(handle.db, guesser.id, code, now).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await findMembership(handle.db, course.id, guesser.id)).toBeNull();
    const later = new Date(now.getTime() + 2 * JOIN_ATTEMPT_LIMIT.windowMs);
    expect((await joinCourseWithCode(handle.db, guesser.id, code, later)).alreadyMember).toBe(false);
  });

  it("generates codes from an unambiguous alphabet without repeats", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateJoinCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
  });

  it("lists the catalogue by topic with what is assigned, and removes an assignment with its submissions", async () => {
    const course = await createCourse(handle.db, { slug: "catalogue", title: "Catalogue" });
    await handle.db.insert(exercises).values([
      { id: "adam-x", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "scale-x", title: "Scaling", topic: "Preparing data", kind: "code", points: 5, difficulty: "easy", currentVersion: "b" },
      { id: "quiz-x", title: "A quiz", topic: "Optimizers", kind: "quiz", points: 3, difficulty: "easy", currentVersion: "c" },
    ]);
    const assignment = await createAssignment(handle.db, course.id, { exerciseId: "adam-x" });
    const catalogue = await listCatalogueForCourse(handle.db, course.id);
    const ours = catalogue.map(({ topic, entries }) => [topic, entries.filter((e) => e.exercise.id.endsWith("-x")).map((e) => [e.exercise.id, e.assignmentId])]);
    expect(ours).toEqual([
      ["Preparing data", [["scale-x", null]]],
      ["Optimizers", [["quiz-x", null], ["adam-x", assignment.id]]],
    ]);

    const student = await createUser(handle.db, { email: "sub@example.org", name: "Sub" });
    await handle.db.insert(submissions).values({ userId: student.id, assignmentId: assignment.id, exerciseId: "adam-x", exerciseVersion: "a", variantSeed: 1, status: "graded", score: 1 });
    await handle.db.insert(submissions).values({ userId: student.id, assignmentId: assignment.id, exerciseId: "adam-x", exerciseVersion: "a", variantSeed: 1, mode: "run", status: "graded", score: 1 });
    // A run is not a submission: the pages count them apart.
    expect(await countAssignmentActivity(handle.db, assignment.id)).toEqual({ submissions: 1, runs: 1 });
    const other = await createCourse(handle.db, { slug: "catalogue-other", title: "Other" });
    await expect(deleteAssignment(handle.db, other.id, assignment.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteAssignment(handle.db, course.id, assignment.id);
    expect(await listCourseAssignments(handle.db, course.id)).toEqual([]);
    expect(await countAssignmentActivity(handle.db, assignment.id)).toEqual({ submissions: 0, runs: 0 });
  });
});
