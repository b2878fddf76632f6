import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodationAudit, accommodations, assessments, type Course } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { importAccommodations, listAccommodationAudit, listCourseGrants, type AccommodationScope } from "@/lib/accommodations";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("accommodations CSV import on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let scope: AccommodationScope;
  let hw3: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const db = handle.db;
    course = await createCourse(db, { slug: "csv", title: "CSV", timeZone: "Europe/Berlin" });
    const teacher = await createUser(db, { email: "teach@example.org", name: "Teach" });
    await enrolUser(db, course.id, teacher.id, "instructor");
    for (const [email, name, role] of [
      ["ada@example.org", "Ada Lovelace", "student"],
      ["bob@example.org", "Bob Babbage", "student"],
      ["ta@example.org", "Tim Assistant", "ta"],
    ] as const) {
      const user = await createUser(db, { email, name });
      await enrolUser(db, course.id, user.id, role);
    }
    await createUser(db, { email: "outsider@example.org", name: "Out Sider" });
    scope = { courseId: course.id, actorId: teacher.id };
    const insert = async (title: string, dueAt: Date | null, position: number) =>
      (await db.insert(assessments).values({ courseId: course.id, title, dueAt, position }).returning())[0]!.id;
    hw3 = await insert("Homework 3", new Date("2026-12-08T17:00:00Z"), 1);
    await insert("Quiz", new Date("2026-12-01T17:00:00Z"), 2);
    await insert("Quiz", new Date("2026-12-15T17:00:00Z"), 3);
    await insert("Reading", null, 4);
  });
  afterAll(async () => {
    await drop?.();
  });

  const grantCount = async () => (await handle.db.select().from(accommodations).where(eq(accommodations.courseId, course.id))).length;

  it("reports every failing row with its number and the value that caused it, and writes nothing", async () => {
    const csv = [
      "email,assessment,due,extra_attempts,waive_late,time_multiplier,note", // row 1
      "ada@example.org,Homework 3,2026-12-10 18:00,1,,,fine row", // 2: valid
      "bob@example.org,homework 3,,2,,,", // 3: valid (title in any case)
      "x@y.org,Homework 3,2026-12-10 18:00,1", // 4: not a student
      "ta@example.org,Homework 3,,1", // 5: a TA is not a student
      "bob@example.org,Quiz 7,soon,1", // 6: unknown assessment and a bad date
      "not-an-email,Homework 3,,1", // 7
      "ada@example.org,Homework 3,2026-12-07 18:00,1", // 8: duplicate of row 2 and before the due date
      "bob@example.org,Quiz,,1", // 9: two assessments titled Quiz
      "bob@example.org,Reading,2026-12-20 18:00,", // 10: no due date to extend
      "bob@example.org,*,2026-12-20 18:00,1", // 11: a due date on all assessments
      "bob@example.org,*,,-1,maybe,0.5", // 12
      "bob@example.org,Homework 3,,0", // 13: grants nothing
      "bob@example.org,Homework 3,2026-03-29 02:30,", // 14: skipped by daylight saving time in Berlin
      "outsider@example.org,Homework 3,,1", // 15: not in the course
    ].join("\n");
    const report = await importAccommodations(handle.db, scope, csv);
    expect(report.applied).toEqual([]);
    expect(report.errors).toEqual([
      { row: 4, message: "no student with email x@y.org in this course" },
      { row: 5, message: "no student with email ta@example.org in this course" },
      { row: 6, message: 'due: "soon" is not a date (write it as 2026-12-10 18:00, on the course\'s clock: Europe/Berlin); assessment: no assessment "Quiz 7" in this course' },
      { row: 7, message: 'email: "not-an-email" is not an email address' },
      {
        row: 8,
        message: "due: must be after the due date of Homework 3 (Tue, 8 Dec 2026, 18:00 CET); ada@example.org on Homework 3 is already on row 2",
      },
      { row: 9, message: 'assessment: 2 assessments are titled "Quiz": name it by its id' },
      { row: 10, message: "due: Reading has no due date to extend" },
      { row: 11, message: "due: a due date is extended on one assessment, not on *" },
      { row: 12, message: 'extra_attempts: "-1" is not a whole number from 0 to 100; waive_late: "maybe" is not yes or no; time_multiplier: "0.5" is not a number from 1 to 10' },
      { row: 13, message: "grants nothing: give a due date, extra attempts, waive_late or a time_multiplier above 1" },
      { row: 14, message: 'due: "2026-03-29 02:30": 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts' },
      { row: 15, message: "no student with email outsider@example.org in this course" },
    ]);
    expect(await grantCount()).toBe(0);
    expect(await handle.db.select().from(accommodationAudit).where(eq(accommodationAudit.courseId, course.id))).toEqual([]);
  });

  it("looks up the student and assessment of a row that failed to parse too", async () => {
    const report = await importAccommodations(handle.db, scope, "nobody@example.org,Quiz 7,2026-12-10 18:00,many\n");
    expect(report.errors).toEqual([
      { row: 1, message: 'extra_attempts: "many" is not a whole number from 0 to 100; no student with email nobody@example.org in this course; assessment: no assessment "Quiz 7" in this course' },
    ]);
  });

  it("applies a valid file in one go, without a header too, and a second file replaces each row's grant", async () => {
    const first = await importAccommodations(handle.db, scope, `ada@example.org,Homework 3,2026-12-10 18:00,1\nbob@example.org,*,,,yes,1.5,extra time\nbob@example.org,${hw3},2026-12-09T09:30,\n`);
    expect(first.errors).toEqual([]);
    expect(first.applied.map((row) => [row.row, row.action, row.summary])).toEqual([
      [1, "granted", "Ada Lovelace: due 2026-12-10 18:00 on Homework 3, +1 attempt"],
      [2, "granted", "Bob Babbage: late penalty waived on all assessments, ×1.5 time"],
      [3, "granted", "Bob Babbage: due 2026-12-09 09:30 on Homework 3"],
    ]);
    expect(await grantCount()).toBe(3);
    const log = await listAccommodationAudit(handle.db, course.id);
    expect(log.map((entry) => entry.summary)).toEqual(first.applied.map((row) => row.summary).reverse());
    const second = await importAccommodations(handle.db, scope, "assessment,email,extra_attempts\nHomework 3,ada@example.org,2\n");
    expect(second.applied).toEqual([expect.objectContaining({ row: 2, action: "changed", summary: "Ada Lovelace: +2 attempts on Homework 3 (was due 2026-12-10 18:00, +1 attempt)" })]);
    const ada = (await listCourseGrants(handle.db, course.id)).find((grant) => grant.studentEmail === "ada@example.org");
    expect(ada).toMatchObject({ dueAt: null, extraAttempts: 2 });
    expect(await grantCount()).toBe(3);
  });

  it("refuses a header with an unknown column and an empty file", async () => {
    expect((await importAccommodations(handle.db, scope, "email,assessment,deadline\nada@example.org,Homework 3,2026-12-10 18:00\n")).errors).toEqual([
      { row: 1, message: 'unknown column "deadline" (the columns are email, assessment, due, extra_attempts, waive_late, time_multiplier, note)' },
      { row: 2, message: "grants nothing: give a due date, extra attempts, waive_late or a time_multiplier above 1" },
    ]);
    expect((await importAccommodations(handle.db, scope, "\n\n")).errors).toEqual([{ row: 1, message: "the file is empty" }]);
  });
});
