import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodationAudit, accommodationGroupMembers, accommodations, assessments, assignments, exercises, submissions, type Course, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { removeCourseMember } from "@/lib/workflows/remove-course-member";
import { deleteAssessmentWithGrants } from "@/lib/workflows/delete-assessment";
import {
  addGroupMember,
  auditGrantsOfDeletedAssessment,
  createAccommodationGroup,
  extensionLapsed,
  grantAccommodation,
  listAccommodationGroups,
  listCourseGrants,
  listedGrantParts,
  listStudentGrants,
  revokeAccommodation,
  type AccommodationScope,
} from "@/lib/accommodations";
import { formatDateTime } from "@/lib/courses/format-date";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { onScoreChanged, type ScoreChange } from "@/lib/scoring/score-changed";
import { createUser } from "@/lib/users/users";
import { MyAccommodations } from "@/app/_components/MyAccommodations";
import { testBackends } from "../helpers/test-database";

// The component reads the process-wide database, as in the app.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

// 18:00 in Berlin (CET) on 8 December 2026.
const DUE = new Date("2026-12-08T17:00:00.000Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(DUE.getTime() + hours * HOUR);

describe.each(testBackends())("accommodations when their assessment or student changes, on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let scope: AccommodationScope;
  const people: Record<"teacher" | "ada" | "bob" | "cy", User> = {} as never;
  const assessment: Record<"hw3" | "quiz" | "lab", string> = {} as never;
  let labItem: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    course = await createCourse(db, { slug: "life", title: "Lifecycle", timeZone: "Europe/Berlin" });
    const names = { teacher: "Grace Hopper", ada: "Ada Lovelace", bob: "Bob Babbage", cy: "Cy Clone" } as const;
    for (const [key, name] of Object.entries(names) as Array<[keyof typeof names, string]>) {
      people[key] = await createUser(db, { email: `${key}@example.org`, name });
      await enrolUser(db, course.id, people[key].id, key === "teacher" ? "instructor" : "student");
    }
    scope = { courseId: course.id, actorId: people.teacher.id };
    const insertAssessment = async (title: string, values: Partial<typeof assessments.$inferInsert>, position: number) =>
      (await db.insert(assessments).values({ courseId: course.id, title, position, ...values }).returning())[0]!.id;
    assessment.hw3 = await insertAssessment("Homework 3", { dueAt: DUE, attemptLimit: 3 }, 1);
    assessment.quiz = await insertAssessment("Quiz 1", { dueAt: at(48) }, 2);
    assessment.lab = await insertAssessment("Lab", { dueAt: DUE, latePolicy: "penalty", latePenaltyPerDay: "20", lateCutoffAt: at(24 * 7) }, 3);
    await db.insert(exercises).values({ id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" });
    labItem = (await db.insert(assignments).values({ courseId: course.id, assessmentId: assessment.lab, exerciseId: "adam", points: 10 }).returning())[0]!.id;
    // Cy hands in full marks 20 hours late: one started day, 20 % off.
    await db.insert(submissions).values({
      userId: people.cy.id,
      assignmentId: labItem,
      exerciseId: "adam",
      exerciseVersion: "a",
      variantSeed: 1,
      mode: "submit",
      code: "// late",
      status: "graded",
      verdict: "graded",
      score: 1,
      createdAt: at(20),
      gradedAt: at(20),
    });
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  const auditRows = () => handle.db.select().from(accommodationAudit).where(eq(accommodationAudit.courseId, course.id));
  const moveDue = (id: string, dueAt: Date | null) => handle.db.update(assessments).set({ dueAt }).where(eq(assessments.id, id));
  const adaGrant = async () => (await listCourseGrants(handle.db, course.id)).find((grant) => grant.userId === people.ada.id && grant.assessmentId === assessment.hw3)!;
  const myAccommodations = async (user: User) => {
    const element = await MyAccommodations({ courseId: course.id, userId: user.id, timeZone: course.timeZone });
    return element === null ? null : renderToStaticMarkup(element);
  };

  it("lists an extension the assessment's own due date has caught up with as no longer extending, claims no extension to the student, and still lets the grant change", async () => {
    const granted = await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, dueAt: at(24), note: "letter" });
    expect(listedGrantParts(await adaGrant(), course.timeZone)).toEqual(["due 2026-12-09 18:00"]);
    expect(await myAccommodations(people.ada)).toContain("(extended from Tue, 8 Dec 2026, 18:00 CET)");

    // The assessment is moved onto the extended date, then past it: the grant extends nothing.
    await moveDue(assessment.hw3, at(24));
    expect(extensionLapsed(await adaGrant())).toBe(true);
    expect(listedGrantParts(await adaGrant(), course.timeZone)).toEqual(["no longer extends (the assessment is now due 2026-12-09 18:00)"]);
    await moveDue(assessment.hw3, at(48));
    expect(listedGrantParts(await adaGrant(), course.timeZone, formatDateTime)).toEqual(["no longer extends (the assessment is now due Thu, 10 Dec 2026, 18:00 CET)"]);
    expect((await listStudentGrants(handle.db, course.id, people.ada.id)).effective).toEqual([]);
    expect(await myAccommodations(people.ada)).toBeNull();

    // Its change form sends the unchanged date back: the note and the rest change; a new date is still checked.
    const changed = await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, dueAt: at(24), extraAttempts: 1, note: "new letter" });
    expect(changed).toMatchObject({ id: granted.id, action: "changed" });
    expect(await adaGrant()).toMatchObject({ dueAt: at(24), extraAttempts: 1, note: "new letter" });
    expect(listedGrantParts(await adaGrant(), course.timeZone)).toEqual(["no longer extends (the assessment is now due 2026-12-10 18:00)", "+1 attempt"]);
    const html = (await myAccommodations(people.ada))!;
    expect(html).toContain("4 per exercise (+1 extra attempt)");
    expect(html).not.toContain("extended from");
    const refused = await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, dueAt: at(30), extraAttempts: 1 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(refused).toBeInstanceOf(z.ZodError);
    expect((refused as z.ZodError).issues[0]).toMatchObject({ path: ["dueAt"], message: "must be after the due date of Homework 3 (Thu, 10 Dec 2026, 18:00 CET)" });

    // An assessment that loses its due date.
    await moveDue(assessment.hw3, null);
    expect(listedGrantParts(await adaGrant(), course.timeZone)[0]).toBe("no longer extends (the assessment now has no due date)");
    expect(await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, dueAt: at(24), extraAttempts: 1, note: "" })).toMatchObject({ action: "changed" });

    // A grant on all assessments, or without a due date, never lapses.
    expect(extensionLapsed({ dueAt: null, extraAttempts: 1, waiveLatePenalty: false, timeMultiplier: null, assessmentId: assessment.hw3, assessmentDueAt: null })).toBe(false);
    await revokeAccommodation(handle.db, scope, granted.id);
    await moveDue(assessment.hw3, DUE);
  });

  it("audits every grant on an assessment before it is deleted, a student's and a group's, and leaves the others", async () => {
    const group = await createAccommodationGroup(handle.db, scope, "extra time");
    await addGroupMember(handle.db, scope, group.id, { userId: people.bob.id });
    await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.quiz, dueAt: at(72), extraAttempts: 1 });
    await grantAccommodation(handle.db, scope, { target: { groupId: group.id }, assessmentId: assessment.quiz, timeMultiplier: 1.5 });
    const kept = await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, extraAttempts: 2 });
    const before = (await auditRows()).length;

    // Through the workflow the builder's Delete calls: the audit, then the delete, in one transaction.
    await deleteAssessmentWithGrants(handle.db, scope.courseId, assessment.quiz, scope.actorId);
    expect(await handle.db.select().from(assessments).where(eq(assessments.id, assessment.quiz))).toEqual([]);
    const rows = (await auditRows()).slice(before);
    expect(rows.map((row) => [row.action, row.summary])).toEqual(
      expect.arrayContaining([
        ["revoked", "Ada Lovelace: accommodation on Quiz 1 ended: the assessment was deleted (due 2026-12-11 18:00, +1 attempt)"],
        ["revoked", 'group "extra time": accommodation on Quiz 1 ended: the assessment was deleted (×1.5 time)'],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.userId === people.ada.id)).toMatchObject({
      actorId: people.teacher.id,
      assessmentId: assessment.quiz,
      groupId: null,
      before: { dueAt: at(72).toISOString(), extraAttempts: 1, waiveLatePenalty: false, timeMultiplier: null, note: "" },
      after: null,
    });
    expect(rows.find((row) => row.groupId === group.id)).toMatchObject({ userId: null, before: { timeMultiplier: 1.5 } });
    expect((await listCourseGrants(handle.db, course.id)).map((grant) => grant.id)).toEqual([kept.id]);
    // Nothing to audit: nothing written.
    expect(await handle.db.transaction((tx) => auditGrantsOfDeletedAssessment(tx, scope, assessment.lab, "Lab"))).toBe(0);
    expect((await auditRows()).length).toBe(before + 2);
    await revokeAccommodation(handle.db, scope, kept.id);
  });

  it("ends a student's grants and group memberships when they are removed from the course, audited and re-scored; back, they start without", async () => {
    const counted = () => getCountedScore(handle.db, { userId: people.cy.id, assignmentId: labItem });
    const group = await createAccommodationGroup(handle.db, scope, "waivers");
    await addGroupMember(handle.db, scope, group.id, { userId: people.cy.id });
    await addGroupMember(handle.db, scope, group.id, { userId: people.bob.id });
    await grantAccommodation(handle.db, scope, { target: { groupId: group.id }, assessmentId: assessment.lab, waiveLatePenalty: true });
    await grantAccommodation(handle.db, scope, { target: { userId: people.cy.id }, assessmentId: assessment.lab, dueAt: at(24), note: "hospital" });
    await grantAccommodation(handle.db, scope, { target: { userId: people.cy.id }, assessmentId: null, extraAttempts: 1 });
    expect(await counted()).toBe(1);
    const before = (await auditRows()).length;
    const changes: ScoreChange[] = [];
    const stop = onScoreChanged((_tx, change) => {
      changes.push(change);
    });
    await removeCourseMember(handle.db, course.id, people.cy.id, people.teacher.id);
    stop();

    expect(await handle.db.select().from(accommodations).where(eq(accommodations.userId, people.cy.id))).toEqual([]);
    expect(await handle.db.select().from(accommodationGroupMembers).where(eq(accommodationGroupMembers.userId, people.cy.id))).toEqual([]);
    expect((await listAccommodationGroups(handle.db, course.id)).find((row) => row.id === group.id)!.members.map((member) => member.name)).toEqual(["Bob Babbage"]);
    expect((await listCourseGrants(handle.db, course.id)).map((grant) => grant.groupLabel ?? grant.studentName)).toEqual(["waivers"]);
    const rows = (await auditRows()).slice(before);
    expect(rows.map((row) => [row.action, row.actorId, row.summary])).toEqual(
      expect.arrayContaining([
        ["revoked", people.teacher.id, "Cy Clone: accommodation on Lab ended: removed from the course (due 2026-12-09 18:00)"],
        ["revoked", people.teacher.id, "Cy Clone: accommodation on all assessments ended: removed from the course (+1 attempt)"],
        ["member_removed", people.teacher.id, 'Cy Clone removed from group "waivers": removed from the course'],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.assessmentId === assessment.lab)).toMatchObject({ userId: people.cy.id, before: { note: "hospital" } });
    // Her late work is penalised again, and that is reported.
    expect(await counted()).toBeCloseTo(0.8, 6);
    expect(changes).toEqual([{ userId: people.cy.id, assignmentId: labItem, cause: "accommodation", previous: 1, current: expect.closeTo(0.8, 6) }]);

    await enrolUser(handle.db, course.id, people.cy.id, "student");
    expect(await listStudentGrants(handle.db, course.id, people.cy.id)).toEqual({ grants: [], effective: [] });
    expect(await myAccommodations(people.cy)).toBeNull();

    // A student without any accommodation leaves without an audit row.
    const quiet = (await auditRows()).length;
    await removeCourseMember(handle.db, course.id, people.cy.id, people.teacher.id);
    expect((await auditRows()).length).toBe(quiet);
  });
});
