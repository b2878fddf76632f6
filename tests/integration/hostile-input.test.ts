import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exercises, submissions, users } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser, findMembership } from "@/lib/courses/courses";
import { importRoster } from "@/lib/courses/import-roster";
import { parseRosterCsv } from "@/lib/courses/roster-csv";
import { STUDENT_ATTEMPTS_PER_PAGE } from "@/lib/progress/student-attempts";
import { findStudentReport } from "@/lib/progress/student-report";
import { findUserByEmail } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("issue 13 on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("roster import: a row the database refuses creates no account at all, not even the rows before it", async () => {
    const course = await createCourse(handle.db, { slug: "strand", title: "Strand" });
    // parseRosterCsv now refuses this row; imported without it, its NUL fails the insert in the middle.
    const rows = [
      { email: "first@example.org", name: "First" },
      { email: "second@example.org", name: "Bad\u0000Name" },
      { email: "third@example.org", name: "Third" },
    ];
    await expect(importRoster(handle.db, course.id, rows)).rejects.toThrow();
    for (const { email } of rows) expect(await findUserByEmail(handle.db, email)).toBeNull();

    const parsed = parseRosterCsv(rows.map((row) => `${row.email},${row.name}`).join("\n"));
    expect(parsed.errors).toEqual([{ line: 2, message: "name: contains a control character" }]);
    const report = await importRoster(handle.db, course.id, parsed.rows);
    expect(report.created.map((account) => account.email)).toEqual(["first@example.org", "third@example.org"]);
    for (const account of report.created) {
      const user = await findUserByEmail(handle.db, account.email);
      expect((await findMembership(handle.db, course.id, user!.id))?.role).toBe("student");
    }
  });

  it("the staff's student page shows 50 attempts a page, numbered among all, with the counted score over every page", async () => {
    const db = handle.db;
    const course = await createCourse(db, { slug: "paged", title: "Paged" });
    await db.insert(exercises).values({ id: "paged-quiz", title: "Paged quiz", topic: "epochs", kind: "quiz", points: 10, difficulty: "easy", currentVersion: "v1" });
    const assignment = await createAssignment(db, course.id, { exerciseId: "paged-quiz", points: 10 });
    const [student] = await db.insert(users).values({ email: "many@example.org", name: "Many Attempts" }).returning();
    await enrolUser(db, course.id, student!.id, "student");
    const total = 2 * STUDENT_ATTEMPTS_PER_PAGE + 20;
    const start = Date.parse("2026-03-01T00:00:00Z");
    await db.insert(submissions).values(
      Array.from({ length: total }, (_, index) => ({
        userId: student!.id,
        assignmentId: assignment.id,
        exerciseId: "paged-quiz",
        exerciseVersion: "v1",
        mode: "submit" as const,
        answers: { steps: String(index + 1) },
        variantSeed: 1,
        status: "graded" as const,
        verdict: "graded",
        // The best score is on the first page; the last page must still count it.
        score: index === 3 ? 1 : 0.25,
        createdAt: new Date(start + index * 60_000),
      })),
    );

    const first = await findStudentReport(db, course, student!.id);
    expect(first).toMatchObject({ page: 1, pageCount: 3, attemptCount: total });
    const [paged] = first!.assignments;
    expect(paged!.attemptCount).toBe(total);
    expect(paged!.attempts.map((attempt) => attempt.number)).toEqual(Array.from({ length: STUDENT_ATTEMPTS_PER_PAGE }, (_, i) => i + 1));

    const last = await findStudentReport(db, course, student!.id, 3);
    const lastAttempts = last!.assignments[0]!.attempts;
    expect(lastAttempts.map((attempt) => attempt.number)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * STUDENT_ATTEMPTS_PER_PAGE + i + 1));
    expect(lastAttempts.at(-1)!.answers).toEqual({ steps: String(total) });
    expect(last!.assignments[0]!.counted).toBe(1);
    // Out-of-range pages show the nearest one.
    expect((await findStudentReport(db, course, student!.id, 99))!.page).toBe(3);
    expect((await findStudentReport(db, course, student!.id, -4))!.page).toBe(1);
  });
});
