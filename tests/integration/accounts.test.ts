import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/client";
import type { User } from "@/lib/db/schema";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { grantInstructor } from "@/lib/admin/instructors";
import { adminResetPassword, adminSetDisabled, adminSignOutEverywhere, listUsers, USERS_PAGE_SIZE } from "@/lib/admin/users";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { importRoster } from "@/lib/courses/import-roster";
import { changePassword, CURRENT_PASSWORD_CHECKS, endSessionsOnSignOut, isSessionCurrent } from "@/lib/users/accounts";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { resetStudentPassword } from "@/lib/auth/student-reset";
import { createUser, findUserById } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("accounts: sessions, passwords and disabling on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let n = 0;
  const PASSWORD = "a long enough password";

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  const newUser = (fields: { isAdmin?: boolean } = {}) =>
    createUser(handle.db, { email: `user${++n}@accounts.test`, name: `User ${n}`, password: PASSWORD, ...fields });
  const reread = async (user: User) => (await findUserById(handle.db, user.id))!;
  const fieldErrors = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    return z.flattenError(error as z.ZodError).fieldErrors as Record<string, string[]>;
  };

  async function courseWith(roles: Record<string, "student" | "ta" | "instructor">) {
    const course = await createCourse(handle.db, { slug: `accounts-${++n}`, title: `Accounts ${n}`, timeZone: "UTC" });
    const people: Record<string, User> = {};
    for (const [key, role] of Object.entries(roles)) {
      people[key] = await newUser();
      await enrolUser(handle.db, course.id, people[key].id, role);
    }
    return { course, people };
  }

  it("a session token is current only at the account's version and while it is enabled", async () => {
    const user = await newUser();
    expect(user.sessionVersion).toBe(0);
    expect(isSessionCurrent(user, 0)).toBe(true);
    expect(isSessionCurrent(user, 1)).toBe(false);
    expect(isSessionCurrent(user, undefined)).toBe(false);
    expect(isSessionCurrent({ ...user, disabledAt: new Date() }, 0)).toBe(false);
  });

  it("signing out bumps the version once; a stale or foreign token changes nothing", async () => {
    const user = await newUser();
    expect(await endSessionsOnSignOut(handle.db, { sub: user.id, sv: 0 })).toBe(true);
    expect((await reread(user)).sessionVersion).toBe(1);
    expect(await endSessionsOnSignOut(handle.db, { sub: user.id, sv: 0 })).toBe(false);
    expect(await endSessionsOnSignOut(handle.db, { sub: "not-a-uuid", sv: 1 })).toBe(false);
    expect(await endSessionsOnSignOut(handle.db, null)).toBe(false);
    expect((await reread(user)).sessionVersion).toBe(1);
  });

  it("changing the password checks the current one and the policy, clears must-change and bumps the version", async () => {
    const user = await createUser(handle.db, { email: `change${++n}@accounts.test`, name: "Changer", password: PASSWORD, mustChangePassword: true });
    expect(await fieldErrors(changePassword(handle.db, user.id, { currentPassword: "wrong one!", newPassword: "brand new password" }))).toHaveProperty(
      "currentPassword",
    );
    const short = "x".repeat(MIN_PASSWORD_LENGTH - 1);
    expect((await fieldErrors(changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: short }))).newPassword).toEqual([
      `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    ]);
    for (const common of ["tensorgrade", "Password123", "qwertyuiop"]) {
      expect((await fieldErrors(changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: common }))).newPassword?.[0]).toMatch(
        /most common passwords/,
      );
    }
    expect((await fieldErrors(changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: PASSWORD }))).newPassword).toEqual([
      "must differ from the current password",
    ]);
    expect((await reread(user)).sessionVersion).toBe(0);

    await changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: "correct horse battery" });
    const after = await reread(user);
    expect(after).toMatchObject({ sessionVersion: 1, mustChangePassword: false });
    expect(await verifyCredentials(handle.db, { email: user.email, password: PASSWORD })).toBeNull();
    expect((await verifyCredentials(handle.db, { email: user.email, password: "correct horse battery" }))?.id).toBe(user.id);
  });

  it("wrong current passwords on the change form are delayed like sign-ins; a right one clears the count", async () => {
    const user = await newUser();
    const t0 = new Date("2026-12-01T10:00:00Z");
    const { freeFailures, firstDelayMs } = CURRENT_PASSWORD_CHECKS;
    for (let i = 0; i < freeFailures; i++) {
      expect(await fieldErrors(changePassword(handle.db, user.id, { currentPassword: `guess ${i}`, newPassword: "brand new password" }, t0))).toHaveProperty("currentPassword");
    }
    // Within the delay even the right password is not checked (no scrypt, no change).
    await expect(changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: "brand new password" }, t0)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: firstDelayMs / 1000,
    });
    expect((await reread(user)).sessionVersion).toBe(0);
    await changePassword(handle.db, user.id, { currentPassword: PASSWORD, newPassword: "brand new password" }, new Date(t0.getTime() + firstDelayMs));
    expect((await reread(user)).sessionVersion).toBe(1);
    // The count was cleared: the next typo costs no wait.
    expect(await fieldErrors(changePassword(handle.db, user.id, { currentPassword: "typo", newPassword: "another new password" }, t0))).toHaveProperty("currentPassword");
  });

  it("one-time passwords from a roster import and an admin-made instructor must be changed", async () => {
    const course = await createCourse(handle.db, { slug: `onetime-${++n}`, title: "One-time", timeZone: "UTC" });
    const report = await importRoster(handle.db, course.id, [{ email: `roster${n}@accounts.test`, name: "Rostered" }]);
    const grant = await grantInstructor(handle.db, { courseSlug: course.slug, email: `prof${n}@accounts.test`, name: "Prof" });
    const rostered = await verifyCredentials(handle.db, { email: `roster${n}@accounts.test`, password: report.created[0]!.initialPassword });
    const prof = await verifyCredentials(handle.db, { email: `prof${n}@accounts.test`, password: grant.initialPassword! });
    expect(rostered?.mustChangePassword).toBe(true);
    expect(prof?.mustChangePassword).toBe(true);
    expect((await newUser()).mustChangePassword).toBe(false);
  });

  it("an instructor resets a student of their own course: new one-time password, must change, sessions end", async () => {
    const { course, people } = await courseWith({ instructor: "instructor", ta: "ta", student: "student", otherStudent: "student", coInstructor: "instructor" });
    const reset = await resetStudentPassword(handle.db, people.instructor!, course.slug, people.student!.id);
    expect(reset.email).toBe(people.student!.email);
    expect(reset.initialPassword.length).toBeGreaterThanOrEqual(12);
    expect(await reread(people.student!)).toMatchObject({ sessionVersion: 1, mustChangePassword: true });
    expect(await verifyCredentials(handle.db, { email: people.student!.email, password: PASSWORD })).toBeNull();
    expect((await verifyCredentials(handle.db, { email: people.student!.email, password: reset.initialPassword }))?.id).toBe(people.student!.id);

    // Staff of the course are never reset by an instructor.
    for (const staff of [people.ta!, people.coInstructor!]) {
      await expect(resetStudentPassword(handle.db, people.instructor!, course.slug, staff.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await reread(staff)).sessionVersion).toBe(0);
    }
  });

  it("a TA, a student and another course's instructor cannot reset a student's password", async () => {
    const { course, people } = await courseWith({ ta: "ta", student: "student", target: "student" });
    const other = await courseWith({ instructor: "instructor", student: "student" });
    const refused = [
      [people.ta!, course.slug, people.target!],
      [people.student!, course.slug, people.target!],
      [other.people.instructor!, course.slug, people.target!],
      // Their own course's slug does not reach a student of another course either.
      [other.people.instructor!, other.course.slug, people.target!],
    ] as const;
    for (const [actor, slug, target] of refused) {
      await expect(resetStudentPassword(handle.db, actor, slug, target.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await reread(people.target!)).toMatchObject({ sessionVersion: 0, mustChangePassword: false });
  });

  it("an instructor cannot take over an account by enrolling it through the roster and resetting it", async () => {
    const { course, people } = await courseWith({ instructor: "instructor" });
    const other = await courseWith({ instructor: "instructor", student: "student" });
    const admin = await newUser({ isAdmin: true });
    // The roster import enrols any existing account found by email as a student.
    await importRoster(handle.db, course.id, [admin, other.people.instructor!, other.people.student!].map(({ email, name }) => ({ email, name })));
    const secondCourse = await courseWith({ colleague: "instructor" });
    await enrolUser(handle.db, secondCourse.course.id, people.instructor!.id, "instructor");
    const shared = await newUser();
    await enrolUser(handle.db, course.id, shared.id, "student");
    await enrolUser(handle.db, secondCourse.course.id, shared.id, "student");

    for (const target of [admin, other.people.instructor!, other.people.student!]) {
      await expect(resetStudentPassword(handle.db, people.instructor!, course.slug, target.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await reread(target)).toMatchObject({ sessionVersion: 0, mustChangePassword: false });
      expect((await verifyCredentials(handle.db, { email: target.email, password: PASSWORD }))?.id).toBe(target.id);
    }
    // A student of two courses, both taught by this instructor, is theirs to reset.
    expect((await resetStudentPassword(handle.db, people.instructor!, course.slug, shared.id)).email).toBe(shared.email);
  });

  it("an admin signs a user out everywhere, resets anyone's password, disables and re-enables; never themselves", async () => {
    const admin = await newUser({ isAdmin: true });
    const user = await newUser();
    await adminSignOutEverywhere(handle.db, admin, user.id);
    expect((await reread(user)).sessionVersion).toBe(1);

    const { initialPassword } = await adminResetPassword(handle.db, admin, user.id);
    expect(await reread(user)).toMatchObject({ sessionVersion: 2, mustChangePassword: true });

    await adminSetDisabled(handle.db, admin, user.id, true);
    const disabled = await reread(user);
    expect(disabled.sessionVersion).toBe(3);
    expect(disabled.disabledAt).not.toBeNull();
    expect(await verifyCredentials(handle.db, { email: user.email, password: initialPassword })).toBeNull();

    await adminSetDisabled(handle.db, admin, user.id, false);
    expect((await reread(user)).disabledAt).toBeNull();
    expect((await verifyCredentials(handle.db, { email: user.email, password: initialPassword }))?.id).toBe(user.id);

    await expect(adminSetDisabled(handle.db, admin, admin.id, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await reread(admin)).disabledAt).toBeNull();
  });

  it("lists accounts by search, role and page, with their courses", async () => {
    const { course, people } = await courseWith({ teacher: "instructor", learner: "student" });
    const byEmail = await listUsers(handle.db, { q: people.learner!.email.toUpperCase() });
    expect(byEmail.users.map((u) => u.email)).toEqual([people.learner!.email]);
    expect(byEmail.users[0]!.courses).toEqual([{ slug: course.slug, title: course.title, role: "student" }]);
    expect((await listUsers(handle.db, { q: people.teacher!.name })).users.map((u) => u.id)).toEqual([people.teacher!.id]);
    // A LIKE wildcard in the search is a plain character.
    expect((await listUsers(handle.db, { q: "%" })).total).toBe(0);
    // A NUL in the search (PostgreSQL refuses it in a pattern) is no search, not a 500.
    const everyone = await listUsers(handle.db, {});
    expect((await listUsers(handle.db, { q: "a\u0000b" })).total).toBe(everyone.total);

    const instructors = await listUsers(handle.db, { role: "instructor" });
    expect(instructors.users.map((u) => u.id)).toContain(people.teacher!.id);
    expect(instructors.users.map((u) => u.id)).not.toContain(people.learner!.id);

    while ((await listUsers(handle.db)).total <= USERS_PAGE_SIZE) await newUser();
    const all = await listUsers(handle.db);
    const second = await listUsers(handle.db, { page: "2" });
    expect(all.pageCount).toBe(Math.ceil(all.total / USERS_PAGE_SIZE));
    expect(all.users).toHaveLength(USERS_PAGE_SIZE);
    expect(second.users).toHaveLength(Math.min(USERS_PAGE_SIZE, all.total - USERS_PAGE_SIZE));
    expect(second.users.map((u) => u.id)).not.toContain(all.users[0]!.id);
    // An unreadable page or role falls back to no filter and the first page.
    expect((await listUsers(handle.db, { page: "x", role: "root" })).users.map((u) => u.id)).toEqual(all.users.map((u) => u.id));
  });
});
