import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { accommodationGroupMembers, accommodationGroups, accommodations, assessments, assignments, submissions } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { policyOf } from "@/lib/courses/assessments";
import { applyAccommodation } from "@/lib/scoring/accommodation";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { findStudentAccommodation } from "@/lib/scoring/student-accommodations";
import { LATE_POLICY_KINDS, penalizedScore } from "@/lib/scoring/late-policy";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

/**
 * The student's late policy in SQL (effectiveLatePolicy over the student_accommodations view) and in
 * TypeScript (applyAccommodation) give the same counted score on generated assessments, grants and
 * attempts: extensions before, at and after the due date, assessments without one, waivers, cut-offs.
 */
const DAY = 86_400_000;
const due = Date.parse("2026-12-01T12:00:00.000Z");

const cases = fc.record({
  kind: fc.constantFrom(...LATE_POLICY_KINDS),
  hasDue: fc.boolean(),
  perDay: fc.integer({ min: 0, max: 10_000 }).map((cents) => (cents / 100).toFixed(2)),
  cutoff: fc.option(fc.integer({ min: 0, max: 6 * DAY }), { nil: null }),
  grant: fc.option(
    fc.record({
      /** Relative to the assessment's due date: an "extension" may even be earlier (it then does nothing). */
      due: fc.option(fc.integer({ min: -2 * DAY, max: 5 * DAY }), { nil: null }),
      waive: fc.boolean(),
      viaGroup: fc.boolean(),
    }),
    { nil: null },
  ),
  submittedAt: fc.integer({ min: -2 * DAY, max: 14 * DAY }),
  score: fc.constantFrom(0, 0.1, 0.7, 1 / 3, 2 / 3, 1),
});

for (const backend of testBackends()) {
  describe(`the accommodated late policy in SQL agrees with TypeScript (${backend.name})`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    let ids: { courseId: string; userId: string; assessmentId: string; assignmentId: string; groupId: string };

    beforeAll(async () => {
      const created = await backend.create();
      db = created.handle.db;
      drop = created.drop;
      await db.execute(sql`insert into exercises (id, title, topic, kind, points, difficulty, current_version) values ('acc-sql', 'Acc', 'Optimizers', 'code', 10, 'easy', 'v1')`);
      const course = await createCourse(db, { slug: "acc-sql", title: "Acc SQL" });
      const user = await createUser(db, { email: "acc@example.org", name: "Acc" });
      await enrolUser(db, course.id, user.id, "student");
      const [assessment] = await db.insert(assessments).values({ courseId: course.id, title: "Set" }).returning();
      const [assignment] = await db.insert(assignments).values({ courseId: course.id, assessmentId: assessment!.id, exerciseId: "acc-sql", points: 10 }).returning();
      const [group] = await db.insert(accommodationGroups).values({ courseId: course.id, label: "g" }).returning();
      await db.insert(accommodationGroupMembers).values({ groupId: group!.id, userId: user.id });
      ids = { courseId: course.id, userId: user.id, assessmentId: assessment!.id, assignmentId: assignment!.id, groupId: group!.id };
    });
    afterAll(() => drop());

    it("gives the same counted score for generated policies, grants and attempts", async () => {
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const dueAt = c.hasDue ? new Date(due) : null;
          const [assessment] = await db
            .update(assessments)
            .set({ dueAt, latePolicy: c.kind, latePenaltyPerDay: c.perDay, lateCutoffAt: dueAt && c.cutoff !== null ? new Date(due + c.cutoff) : null })
            .where(eq(assessments.id, ids.assessmentId))
            .returning();
          await db.delete(accommodations).where(eq(accommodations.courseId, ids.courseId));
          if (c.grant) {
            const target = c.grant.viaGroup ? { groupId: ids.groupId } : { userId: ids.userId };
            // A due date needs the assessment; a waiver alone may be for all assessments.
            const grantDue = c.grant.due === null ? null : new Date(due + c.grant.due);
            await db.insert(accommodations).values({ courseId: ids.courseId, ...target, assessmentId: grantDue || !c.grant.waive ? ids.assessmentId : null, dueAt: grantDue, waiveLatePenalty: c.grant.waive });
          }
          await db.delete(submissions).where(eq(submissions.assignmentId, ids.assignmentId));
          const submittedAt = new Date(due + c.submittedAt);
          await db.insert(submissions).values({ userId: ids.userId, assignmentId: ids.assignmentId, exerciseId: "acc-sql", exerciseVersion: "v1", variantSeed: 1, status: "graded", score: c.score, createdAt: submittedAt });
          const [stored] = await db.select({ score: submissions.score }).from(submissions).where(eq(submissions.assignmentId, ids.assignmentId));

          const grant = await findStudentAccommodation(db, ids.userId, ids.assessmentId);
          const policy = applyAccommodation(policyOf(assessment!), grant);
          const expected = penalizedScore(policy, { submittedAt, score: stored!.score });
          expect(await getCountedScore(db, { userId: ids.userId, assignmentId: ids.assignmentId })).toBe(expected);
        }),
        { numRuns: 150 },
      );
    });
  });
}
