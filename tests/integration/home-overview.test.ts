import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exercises, submissions, type User } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getHomeOverview, type StaffCourseSummary, type StudentCourseSummary } from "@/lib/progress/home-overview";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const now = new Date("2026-12-04T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();

describe.each(testBackends())("home overview per role on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let student: User;
  let instructor: User;
  let admin: User;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const db = handle.db;
    const course = await createCourse(db, { slug: "berlin", title: "Berlin", timeZone: "Europe/Berlin" });
    await createCourse(db, { slug: "other", title: "Other" });
    student = await createUser(db, { email: "s@example.test", name: "S" });
    instructor = await createUser(db, { email: "i@example.test", name: "I" });
    admin = await createUser(db, { email: "a@example.test", name: "A", isAdmin: true });
    await enrolUser(db, course.id, student.id, "student");
    await enrolUser(db, course.id, instructor.id, "instructor");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "b" },
      { id: "softmax", title: "Softmax", topic: "activations", kind: "code", points: 10, difficulty: "easy", currentVersion: "c" },
    ]);
    const late = await createAssignment(db, course.id, { exerciseId: "adam", dueAt: days(-2), latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: days(5) });
    await createAssignment(db, course.id, { exerciseId: "batching", dueAt: days(3) });
    await createAssignment(db, course.id, { exerciseId: "softmax", dueAt: days(-1) });
    await db.insert(submissions).values({ userId: student.id, assignmentId: late.id, exerciseId: "adam", exerciseVersion: "a", code: "x", variantSeed: 1, status: "queued", createdAt: now });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("a student sees their progress; 'Due next' has no past date, and late-but-open work is overdue", async () => {
    const home = await getHomeOverview(handle.db, student, now);
    expect(home.site).toBeNull();
    const [card] = home.courses as StudentCourseSummary[];
    expect(card!.view).toBe("student");
    // The queued submission to adam counts as an attempt.
    expect(card!.counts).toEqual({ solved: 0, attempted: 1, notStarted: 2 });
    expect(card!.dueNext.map((a) => a.title)).toEqual(["Batching"]);
    expect(card!.overdue.map((a) => a.title)).toEqual(["Adam"]);
  });

  it("an instructor sees the class, the course's next deadlines and its grading queue, not a student's progress", async () => {
    const home = await getHomeOverview(handle.db, instructor, now);
    const [card] = home.courses as StaffCourseSummary[];
    expect(card!.view).toBe("staff");
    expect(card).not.toHaveProperty("counts");
    expect(card!.students).toBe(1);
    expect(card!.assessments).toBe(3);
    expect(card!.dueNext.map((a) => a.title)).toEqual(["Batching"]);
    expect(card!.grading).toEqual({ queued: 1, running: 0 });
  });

  it("an admin in no course gets the site's counts", async () => {
    const home = await getHomeOverview(handle.db, admin, now);
    expect(home.courses).toEqual([]);
    expect(home.site).toMatchObject({ courses: 2, users: 3, queue: { queued: 1, running: 0 } });
  });
});
