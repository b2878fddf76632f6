import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import type { User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createUser, findUserById } from "@/lib/users/users";
import { createAccountAdminHandlers } from "@/app/admin/handlers";
import { createAccountHandlers } from "@/app/account/handlers";
import { createRosterHandlers } from "@/app/courses/[slug]/manage/roster/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

function as(user: User) {
  const dependencies = { requireUser: async () => user, logError: vi.fn() };
  return {
    admin: createAccountAdminHandlers(dependencies),
    account: createAccountHandlers(dependencies),
    roster: createRosterHandlers(dependencies),
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe.each(testBackends())("account server actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, outsider: User, admin: User;
  const version = async (user: User) => (await findUserById(handle.db, user.id))!.sessionVersion;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "nn", title: "Neural networks" });
    const other = await createCourse(db, { slug: "other", title: "Other course" });
    const password = "a long enough password";
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach", password });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant", password });
    student = await createUser(db, { email: "learn@example.org", name: "Learn", password });
    outsider = await createUser(db, { email: "elsewhere@example.org", name: "Elsewhere", password });
    admin = await createUser(db, { email: "root@example.org", name: "Root", isAdmin: true, password });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, student.id, "student");
    await enrolUser(db, other.id, outsider.id, "instructor");
  });
  afterAll(async () => {
    delete processDb.__tensorgradeDb;
    await drop?.();
  });

  it("the admin's account actions do not exist for anyone else", async () => {
    for (const user of [instructor, ta, student, outsider]) {
      for (const run of Object.values(as(user).admin)) {
        expect(await run(form({ userId: student.id, change: "disable" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      }
    }
    const after = (await findUserById(handle.db, student.id))!;
    expect(after).toMatchObject({ sessionVersion: 0, disabledAt: null, mustChangePassword: false });
  });

  it("the admin's actions disable, sign out everywhere and reset, each ending the sessions", async () => {
    const { admin: actions } = as(admin);
    expect(await actions.signOutEverywhere(form({ userId: outsider.id }))).toMatchObject({ ok: true });
    expect(await version(outsider)).toBe(1);
    const reset = await actions.resetPassword(form({ userId: outsider.id }));
    expect(reset.ok && reset.data.email).toBe(outsider.email);
    expect(await version(outsider)).toBe(2);
    expect(await actions.disableAccount(form({ userId: outsider.id }))).toMatchObject({ ok: true });
    expect(await version(outsider)).toBe(3);
    expect(await actions.enableAccount(form({ userId: outsider.id }))).toMatchObject({ ok: true });
    expect((await findUserById(handle.db, outsider.id))!.disabledAt).toBeNull();
  });

  it("the roster's reset is for the course's instructor only, and only for its students", async () => {
    const attempt = (user: User, target: User, slug = "nn") => as(user).roster.resetStudentPassword(form({ slug, userId: target.id }));
    for (const [user, target] of [
      [ta, student],
      [student, student],
      [outsider, student],
      [instructor, ta],
    ] as const) {
      expect(await attempt(user, target)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await version(student)).toBe(0);
    expect(await version(ta)).toBe(0);
    const reset = await attempt(instructor, student);
    expect(reset).toMatchObject({ ok: true, data: { email: student.email } });
    expect(await version(student)).toBe(1);
  });

  it("the change-password action answers field errors for a wrong current or a common new password", async () => {
    const { account } = as(instructor);
    const wrong = await account.changePassword(form({ currentPassword: "not it at all", newPassword: "a fresh passphrase" }));
    expect(wrong).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { currentPassword: ["is not your current password"] } });
    const common = await account.changePassword(form({ currentPassword: "a long enough password", newPassword: "Password123" }));
    expect(common).toMatchObject({ ok: false, fieldErrors: { newPassword: ["is one of the most common passwords; choose another"] } });
    expect(await version(instructor)).toBe(0);
    expect(await account.changePassword(form({ currentPassword: "a long enough password", newPassword: "a fresh passphrase" }))).toMatchObject({ ok: true });
    expect(await version(instructor)).toBe(1);
  });
});
