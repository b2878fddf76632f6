import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodationAudit, accommodations, assessments, assignments, exercises, submissions, type Course, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import {
  addGroupMember,
  createAccommodationGroup,
  deleteAccommodationGroup,
  grantAccommodation,
  listAccommodationAudit,
  listAccommodationGroups,
  listCourseGrants,
  listStudentGrants,
  removeGroupMember,
  renameAccommodationGroup,
  revokeAccommodation,
  type AccommodationScope,
} from "@/lib/accommodations";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { onScoreChanged, type ScoreChange } from "@/lib/scoring/score-changed";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

// 18:00 in Berlin (CET) on 8 December 2026.
const DUE = new Date("2026-12-08T17:00:00.000Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(DUE.getTime() + hours * HOUR);

describe.each(testBackends())("accommodations on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let scope: AccommodationScope;
  const people: Record<"teacher" | "ada" | "bob" | "cy" | "ta", User> = {} as never;
  const assessment: Record<"hw3" | "quiz" | "undated", string> = {} as never;
  let hw3Item: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const db = handle.db;
    course = await createCourse(db, { slug: "acc", title: "Accommodations", timeZone: "Europe/Berlin" });
    const names = { teacher: "Grace Hopper", ada: "Ada Lovelace", bob: "Bob Babbage", cy: "Cy Clone", ta: "Tim Assistant" } as const;
    for (const [key, name] of Object.entries(names) as Array<[keyof typeof names, string]>) {
      people[key] = await createUser(db, { email: `${key}@example.org`, name });
      await enrolUser(db, course.id, people[key].id, key === "teacher" ? "instructor" : key === "ta" ? "ta" : "student");
    }
    scope = { courseId: course.id, actorId: people.teacher.id };
    await db.insert(exercises).values({ id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" });
    const insertAssessment = async (title: string, values: Partial<typeof assessments.$inferInsert>, position: number) =>
      (await db.insert(assessments).values({ courseId: course.id, title, position, ...values }).returning())[0]!.id;
    assessment.hw3 = await insertAssessment("Homework 3", { dueAt: DUE, latePolicy: "penalty", latePenaltyPerDay: "20", lateCutoffAt: at(24 * 7), attemptLimit: 3 }, 1);
    assessment.quiz = await insertAssessment("Quiz 1", { dueAt: at(24 * 2), timeLimitMinutes: 30 }, 2);
    assessment.undated = await insertAssessment("Reading", {}, 3);
    hw3Item = (await db.insert(assignments).values({ courseId: course.id, assessmentId: assessment.hw3, exerciseId: "adam", points: 10 }).returning())[0]!.id;
    // Ada and Bob both hand in full marks 20 hours late: one started day, 20 % off.
    for (const student of [people.ada, people.bob]) {
      await db.insert(submissions).values({
        userId: student.id,
        assignmentId: hw3Item,
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
    }
  });
  afterAll(async () => {
    await drop?.();
  });

  const counted = (user: User) => getCountedScore(handle.db, { userId: user.id, assignmentId: hw3Item });
  const auditRows = () => handle.db.select().from(accommodationAudit).where(eq(accommodationAudit.courseId, course.id));

  it("an extension removes the late penalty from an already late submission, and revoking it restores the penalty", async () => {
    const changes: ScoreChange[] = [];
    const stop = onScoreChanged((_tx, change) => {
      changes.push(change);
    });
    expect(await counted(people.ada)).toBeCloseTo(0.8, 6);
    const granted = await grantAccommodation(handle.db, scope, {
      target: { userId: people.ada.id },
      assessmentId: assessment.hw3,
      dueAt: new Date("2026-12-10T17:00:00.000Z"),
      extraAttempts: 1,
      note: "letter from the disability office",
    });
    expect(granted).toMatchObject({ action: "granted", summary: "Ada Lovelace: due 2026-12-10 18:00 on Homework 3, +1 attempt" });
    expect(await counted(people.ada)).toBe(1);
    expect(await counted(people.bob)).toBeCloseTo(0.8, 6);
    expect(changes).toEqual([{ userId: people.ada.id, assignmentId: hw3Item, cause: "accommodation", previous: expect.closeTo(0.8, 6), current: 1 }]);

    const audit = (await auditRows()).filter((row) => row.userId === people.ada.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "granted",
      actorId: people.teacher.id,
      assessmentId: assessment.hw3,
      groupId: null,
      summary: "Ada Lovelace: due 2026-12-10 18:00 on Homework 3, +1 attempt",
      before: null,
      after: { dueAt: "2026-12-10T17:00:00.000Z", extraAttempts: 1, waiveLatePenalty: false, timeMultiplier: null, note: "letter from the disability office" },
    });

    const summary = await revokeAccommodation(handle.db, scope, granted.id);
    expect(summary).toBe("Ada Lovelace: revoked due 2026-12-10 18:00 on Homework 3, +1 attempt");
    expect(await counted(people.ada)).toBeCloseTo(0.8, 6);
    expect(changes[1]).toEqual({ userId: people.ada.id, assignmentId: hw3Item, cause: "accommodation", previous: 1, current: expect.closeTo(0.8, 6) });
    stop();
    const revoked = (await auditRows()).find((row) => row.action === "revoked");
    expect(revoked).toMatchObject({ userId: people.ada.id, before: { extraAttempts: 1 }, after: null });
  });

  it("refuses a due date that is not after the assessment's, one without an assessment, and one on an undated assessment, writing nothing", async () => {
    const before = (await auditRows()).length;
    const attempt = (assessmentId: string | null, dueAt: Date) => grantAccommodation(handle.db, scope, { target: { userId: people.bob.id }, assessmentId, dueAt });
    const fieldError = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(z.ZodError);
      const issue = (error as z.ZodError).issues[0]!;
      expect(issue.path).toEqual(["dueAt"]);
      return issue.message;
    };
    expect(await fieldError(attempt(assessment.hw3, at(-1)))).toBe("must be after the due date of Homework 3 (Tue, 8 Dec 2026, 18:00 CET)");
    expect(await fieldError(attempt(assessment.hw3, DUE))).toMatch(/^must be after the due date of Homework 3/);
    expect(await fieldError(attempt(null, at(48)))).toMatch(/needs an assessment/);
    expect(await fieldError(attempt(assessment.undated, at(48)))).toBe("Reading has no due date to extend");
    await expect(grantAccommodation(handle.db, scope, { target: { userId: people.bob.id }, assessmentId: assessment.hw3 })).rejects.toThrow(/grants nothing/);
    await expect(grantAccommodation(handle.db, scope, { target: { userId: people.bob.id }, assessmentId: null, timeMultiplier: 0.5 })).rejects.toThrow(/at least 1/);
    expect(await handle.db.select().from(accommodations).where(eq(accommodations.userId, people.bob.id))).toEqual([]);
    expect((await auditRows()).length).toBe(before);
  });

  it("grants only to students of the course, and changes a grant in place with its before and after audited", async () => {
    await expect(grantAccommodation(handle.db, scope, { target: { userId: people.ta.id }, assessmentId: null, extraAttempts: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const first = await grantAccommodation(handle.db, scope, { target: { userId: people.cy.id }, assessmentId: assessment.quiz, timeMultiplier: 1.5 });
    expect(first).toMatchObject({ action: "granted", summary: "Cy Clone: ×1.5 time on Quiz 1" });
    const same = await grantAccommodation(handle.db, scope, { target: { userId: people.cy.id }, assessmentId: assessment.quiz, timeMultiplier: 1.5 });
    expect(same).toMatchObject({ id: first.id, action: "unchanged" });
    const changed = await grantAccommodation(handle.db, scope, { target: { userId: people.cy.id }, assessmentId: assessment.quiz, timeMultiplier: 2, extraAttempts: 2 });
    expect(changed).toMatchObject({ id: first.id, action: "changed", summary: "Cy Clone: +2 attempts on Quiz 1, ×2 time (was ×1.5 time)" });
    expect(await handle.db.select().from(accommodations).where(eq(accommodations.userId, people.cy.id))).toHaveLength(1);
    const audit = (await auditRows()).filter((row) => row.userId === people.cy.id);
    expect(audit.map((row) => row.action)).toEqual(["granted", "changed"]);
    expect(audit[1]).toMatchObject({ before: { timeMultiplier: 1.5, extraAttempts: 0 }, after: { timeMultiplier: 2, extraAttempts: 2 } });
    await revokeAccommodation(handle.db, scope, first.id);
  });

  it("combines individual and group grants, the most generous of each, and follows membership", async () => {
    const group = await createAccommodationGroup(handle.db, scope, "extra time");
    await expect(createAccommodationGroup(handle.db, scope, " extra time ")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addGroupMember(handle.db, scope, group.id, { userId: people.ta.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addGroupMember(handle.db, scope, group.id, { email: "nobody@example.org" })).rejects.toThrow("There is no student with email nobody@example.org in this course.");
    await addGroupMember(handle.db, scope, group.id, { email: "ADA@example.org" });
    await addGroupMember(handle.db, scope, group.id, { userId: people.cy.id });
    await expect(addGroupMember(handle.db, scope, group.id, { userId: people.cy.id })).rejects.toMatchObject({ code: "CONFLICT" });

    await grantAccommodation(handle.db, scope, { target: { userId: people.ada.id }, assessmentId: assessment.hw3, dueAt: at(24), extraAttempts: 1 });
    await grantAccommodation(handle.db, scope, { target: { groupId: group.id }, assessmentId: null, extraAttempts: 2, timeMultiplier: 1.5 });
    await grantAccommodation(handle.db, scope, { target: { groupId: group.id }, assessmentId: assessment.hw3, dueAt: at(12), waiveLatePenalty: true });

    const { grants, effective } = await listStudentGrants(handle.db, course.id, people.ada.id);
    expect(grants.map((grant) => [grant.studentName ?? `group ${grant.groupLabel}`, grant.assessmentTitle])).toEqual([
      ["group extra time", null],
      ["group extra time", "Homework 3"],
      ["Ada Lovelace", "Homework 3"],
    ]);
    const hw3 = effective.find((row) => row.assessmentId === assessment.hw3)!;
    // The latest due date (her own), the most attempts (the group's), the group's waiver and multiplier.
    expect(hw3).toMatchObject({ assessmentTitle: "Homework 3", effectiveDueAt: at(24), extended: true, extraAttempts: 2, waiveLatePenalty: true, timeMultiplier: 1.5 });
    const quiz = effective.find((row) => row.assessmentId === assessment.quiz)!;
    expect(quiz).toMatchObject({ effectiveDueAt: at(48), extended: false, extraAttempts: 2, waiveLatePenalty: false, timeMultiplier: 1.5 });
    expect(effective.map((row) => row.assessmentTitle)).toEqual(["Homework 3", "Quiz 1", "Reading"]);

    // Bob joins: the group's waiver takes his late work without penalty; he leaves: the penalty is back.
    expect(await counted(people.bob)).toBeCloseTo(0.8, 6);
    const changes: ScoreChange[] = [];
    const stop = onScoreChanged((_tx, change) => {
      changes.push(change);
    });
    await addGroupMember(handle.db, scope, group.id, { userId: people.bob.id });
    expect(await counted(people.bob)).toBe(1);
    await removeGroupMember(handle.db, scope, group.id, people.bob.id);
    expect(await counted(people.bob)).toBeCloseTo(0.8, 6);
    stop();
    expect(changes.map((change) => [change.userId, change.cause, change.current])).toEqual([
      [people.bob.id, "accommodation", 1],
      [people.bob.id, "accommodation", expect.closeTo(0.8, 6)],
    ]);
    expect((await listStudentGrants(handle.db, course.id, people.bob.id)).effective).toEqual([]);

    const renamed = await renameAccommodationGroup(handle.db, scope, group.id, "Extra time (DSP)");
    expect(renamed.label).toBe("Extra time (DSP)");
    const groups = await listAccommodationGroups(handle.db, course.id);
    expect(groups).toEqual([{ id: group.id, label: "Extra time (DSP)", members: [expect.objectContaining({ name: "Ada Lovelace" }), expect.objectContaining({ name: "Cy Clone" })] }]);

    const courseGrants = await listCourseGrants(handle.db, course.id);
    expect(courseGrants).toHaveLength(3);
    expect(courseGrants.find((grant) => grant.studentName === "Ada Lovelace")).toMatchObject({ studentEmail: "ada@example.org", assessmentTitle: "Homework 3", grantedByName: "Grace Hopper", dueAt: at(24) });

    await deleteAccommodationGroup(handle.db, scope, group.id);
    expect(await listAccommodationGroups(handle.db, course.id)).toEqual([]);
    const after = await listStudentGrants(handle.db, course.id, people.ada.id);
    expect(after.effective).toEqual([expect.objectContaining({ assessmentId: assessment.hw3, extraAttempts: 1, waiveLatePenalty: false, timeMultiplier: null })]);

    const log = await listAccommodationAudit(handle.db, course.id, { limit: 6 });
    expect(log).toHaveLength(6);
    expect(log[0]).toMatchObject({ action: "group_deleted", actorName: "Grace Hopper", summary: 'Deleted group "Extra time (DSP)" (2 members, 2 grants revoked)' });
    expect(log.map((row) => row.action)).toEqual(["group_deleted", "group_renamed", "member_removed", "member_added", "granted", "granted"]);
    expect(log[2]!.summary).toBe('Bob Babbage removed from group "extra time"');
    expect(log[4]!.summary).toBe('group "extra time": due 2026-12-09 06:00 on Homework 3, late penalty waived');
  });
});
