import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { submissions, testResults, exercises, exerciseVersions } from "@/lib/db/schema";
import { createCourse, enrolUser, findMembership, findMembershipBySlug, listCoursesForUser } from "@/lib/courses/courses";
import { createUser, findUserByEmail } from "@/lib/users/users";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { DEMO_ACCOUNTS, DEMO_COURSE, DEMO_PASSWORD, seedDemo } from "@/lib/seed/demo";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("database on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("applies every committed migration, and a second run is a no-op", async () => {
    await migrateDatabase(handle);
    const result = await handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (result as unknown as { rows?: { table_name: string }[] }).rows ?? (result as unknown as { table_name: string }[]);
    expect(names.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["users", "courses", "enrolments", "exercises", "exercise_versions", "assignments", "submissions", "test_results"]),
    );
  });

  it("seeds the demo course and accounts once, however often it runs", async () => {
    expect(await seedDemo(handle.db)).toEqual({ created: true });
    expect(await seedDemo(handle.db)).toEqual({ created: false });
    const instructor = await findUserByEmail(handle.db, "instructor@demo.local");
    expect(instructor).not.toBeNull();
    const courses = await listCoursesForUser(handle.db, instructor!.id);
    expect(courses).toHaveLength(1);
    expect(courses[0]).toMatchObject({ role: "instructor", course: { title: DEMO_COURSE.title } });
    for (const account of DEMO_ACCOUNTS) {
      const user = await verifyCredentials(handle.db, { email: account.email, password: DEMO_PASSWORD });
      expect(user?.email).toBe(account.email);
    }
  });

  it("stores only a scrypt hash and rejects wrong passwords and unknown emails alike", async () => {
    const user = await findUserByEmail(handle.db, "STUDENT1@demo.local ");
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(DEMO_PASSWORD);
    expect(await verifyCredentials(handle.db, { email: "student1@demo.local", password: "wrong" })).toBeNull();
    expect(await verifyCredentials(handle.db, { email: "nobody@demo.local", password: DEMO_PASSWORD })).toBeNull();
    expect(await verifyCredentials(handle.db, { email: "student1@demo.local" })).toBeNull();
    expect(await verifyCredentials(handle.db, "student1@demo.local")).toBeNull();
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await expect(createUser(handle.db, { email: "Student2@Demo.Local", name: "Copy", password: "12345678" })).rejects.toThrow();
  });

  it("shows a course only to its members, with the role from the database", async () => {
    const outsider = await createUser(handle.db, { email: "outsider@example.org", name: "Outsider", password: "password1" });
    const other = await createCourse(handle.db, { slug: "other-course", title: "Other course" });
    const student = await findUserByEmail(handle.db, "student3@demo.local");
    expect(await findMembership(handle.db, other.id, student!.id)).toBeNull();
    expect(await findMembership(handle.db, "not-a-uuid", student!.id)).toBeNull();
    expect(await findMembershipBySlug(handle.db, "other-course", student!.id)).toBeNull();
    expect((await findMembershipBySlug(handle.db, DEMO_COURSE.slug, student!.id))?.role).toBe("student");
    expect(await listCoursesForUser(handle.db, outsider.id)).toEqual([]);

    await enrolUser(handle.db, other.id, outsider.id, "student");
    await enrolUser(handle.db, other.id, outsider.id, "ta");
    expect((await findMembership(handle.db, other.id, outsider.id))?.role).toBe("ta");
    expect((await findMembershipBySlug(handle.db, "other-course", outsider.id))?.role).toBe("ta");
  });

  it("keeps scores in 0..1 and per-test results unique per submission and position", async () => {
    const student = await findUserByEmail(handle.db, "student1@demo.local");
    await handle.db.insert(exercises).values({
      id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "v1",
    });
    await handle.db.insert(exerciseVersions).values({ exerciseId: "batching", contentHash: "v1", package: {} });
    const [submission] = await handle.db
      .insert(submissions)
      .values({ userId: student!.id, exerciseId: "batching", exerciseVersion: "v1", code: "export {}", variantSeed: 42 })
      .returning();
    expect(submission?.status).toBe("queued");
    const row = { submissionId: submission!.id, position: 0, name: "t", hidden: true, passed: true };
    await handle.db.insert(testResults).values(row);
    await expect(handle.db.insert(testResults).values(row)).rejects.toThrow();
    await handle.db.insert(testResults).values(row).onConflictDoNothing();
    await expect(
      handle.db.insert(submissions).values({ userId: student!.id, exerciseId: "batching", exerciseVersion: "v1", variantSeed: 1, score: 1.5 }),
    ).rejects.toThrow();
  });
});
