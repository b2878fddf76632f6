import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, type Course, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { addGroupMember, createAccommodationGroup, grantAccommodation } from "@/lib/accommodations";
import { createUser } from "@/lib/users/users";
import { MyAccommodations } from "@/app/_components/MyAccommodations";
import { testBackends } from "../helpers/test-database";

// The component reads the process-wide database, as in the app.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

describe.each(testBackends())("a student's own accommodations on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let ada: User, bob: User;
  let homework: string, exam: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    course = await createCourse(db, { slug: "mine", title: "Mine", timeZone: "Europe/Berlin" });
    const teacher = await createUser(db, { email: "t@example.org", name: "Teacher" });
    ada = await createUser(db, { email: "ada@example.org", name: "Ada" });
    bob = await createUser(db, { email: "bob@example.org", name: "Bob" });
    await enrolUser(db, course.id, teacher.id, "instructor");
    await enrolUser(db, course.id, ada.id, "student");
    await enrolUser(db, course.id, bob.id, "student");
    homework = (await db.insert(assessments).values({ courseId: course.id, title: "Homework 3", dueAt: new Date("2026-12-08T17:00:00Z"), attemptLimit: 2, position: 1 }).returning())[0]!.id;
    exam = (await db.insert(assessments).values({ courseId: course.id, title: "Midterm", dueAt: new Date("2026-12-20T17:00:00Z"), timeLimitMinutes: 30, position: 2 }).returning())[0]!.id;
    const scope = { courseId: course.id, actorId: teacher.id };
    await grantAccommodation(db, scope, { target: { userId: ada.id }, assessmentId: homework, dueAt: new Date("2026-12-10T17:00:00Z"), extraAttempts: 1, note: "private note" });
    const group = await createAccommodationGroup(db, scope, "extra time");
    await addGroupMember(db, scope, group.id, { userId: ada.id });
    await grantAccommodation(db, scope, { target: { groupId: group.id }, assessmentId: exam, timeMultiplier: 1.5 });
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  const render = async (props: Parameters<typeof MyAccommodations>[0]) => {
    const element = await MyAccommodations(props);
    return element === null ? null : renderToStaticMarkup(element);
  };

  it("shows each assessment's due date, attempts and time for this student, grants through groups included, and no instructor note", async () => {
    const html = (await render({ courseId: course.id, userId: ada.id, timeZone: course.timeZone }))!;
    expect(html).toContain("Your accommodations");
    expect(html).toContain("Homework 3");
    expect(html).toContain("Thu, 10 Dec 2026, 18:00 CET");
    expect(html).toContain("(extended from Tue, 8 Dec 2026, 18:00 CET)");
    expect(html).toContain("3 per exercise (+1 extra attempt)");
    expect(html).toContain("Midterm");
    expect(html).toContain("45 minutes instead of 30 (×1.5)");
    expect(html).not.toContain("private note");
  });

  it("shows one assessment's row when asked, and nothing to a student without a grant", async () => {
    const html = (await render({ courseId: course.id, userId: ada.id, timeZone: course.timeZone, assessmentId: exam, headingLevel: 3 }))!;
    expect(html).toContain("<h3");
    expect(html).toContain("Midterm");
    expect(html).not.toContain("Homework 3");
    expect(await render({ courseId: course.id, userId: bob.id, timeZone: course.timeZone })).toBeNull();
    expect(await render({ courseId: course.id, userId: ada.id, timeZone: course.timeZone, assessmentId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });
});
