import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/transaction";
import { assessmentStarts, assignments, enrolments, examEvents, exercises, studentAccommodations, users, type Assessment } from "../db/schema";
import { toAccommodation } from "../scoring/student-accommodations";
import { describeExamEvent } from "./describe-event";
import { countEvents, monitorLine, noEventCounts, type ExamMonitorRow } from "./monitor";

/** One line of a student's exam log, in words. */
export interface ExamLogEntry {
  id: number;
  at: Date;
  kind: string;
  text: string;
}

export interface ExamLog {
  line: ExamMonitorRow;
  events: ExamLogEntry[];
}

/**
 * A student's full log on one assessment, oldest first, with their monitor line; null when `userId` is
 * not a student of the course (staff and outsiders have no exam log here).
 */
export async function findExamLog(db: DbOrTx, courseId: string, assessment: Pick<Assessment, "id" | "timeLimitMinutes" | "dueAt" | "latePolicy" | "lateCutoffAt">, userId: string, now = new Date()): Promise<ExamLog | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const [student] = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId), eq(enrolments.role, "student")))
    .limit(1);
  if (!student) return null;
  const [[start], [grant], rows, titles] = await Promise.all([
    db.select().from(assessmentStarts).where(and(eq(assessmentStarts.assessmentId, assessment.id), eq(assessmentStarts.userId, userId))).limit(1),
    db
      .select({
        dueAt: studentAccommodations.dueAt,
        extraAttempts: studentAccommodations.extraAttempts,
        waiveLatePenalty: studentAccommodations.waiveLatePenalty,
        timeMultiplier: studentAccommodations.timeMultiplier,
      })
      .from(studentAccommodations)
      .where(and(eq(studentAccommodations.assessmentId, assessment.id), eq(studentAccommodations.userId, userId)))
      .limit(1),
    db
      .select()
      .from(examEvents)
      .where(and(eq(examEvents.assessmentId, assessment.id), eq(examEvents.userId, userId)))
      .orderBy(asc(examEvents.at), asc(examEvents.id)),
    db
      .select({ id: exercises.id, title: exercises.title })
      .from(assignments)
      .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
      .where(eq(assignments.assessmentId, assessment.id)),
  ]);
  const titleOf = new Map(titles.map((row) => [row.id, row.title]));
  const counts = noEventCounts();
  for (const row of rows) countEvents(counts, row.kind);
  return {
    line: monitorLine(student, assessment, start ?? null, grant ? toAccommodation(grant) : null, counts, now),
    events: rows.map((row) => ({ id: row.id, at: new Date(row.at), kind: row.kind, text: describeExamEvent(row, titleOf) })),
  };
}
