import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { assessmentStarts, enrolments, examEvents, studentAccommodations, users, type Assessment, type AssessmentStart } from "../db/schema";
import { accommodatedTimeLimit, type Accommodation } from "../scoring/accommodation";
import { toAccommodation } from "../scoring/student-accommodations";
import { examDeadline } from "./clock";
import { examStatusOf, type ExamStatus } from "./exam-status";

/** How many of each kind of event a student's log holds, as the monitor counts them. */
export interface ExamEventCounts {
  focusLost: number;
  saves: number;
  /** The student's Submits and the drafts submitted for them when time ran out or they finished. */
  submits: number;
  secondSignIns: number;
}

/** One student's line on the exam monitor. */
export interface ExamMonitorRow {
  userId: string;
  name: string;
  email: string;
  status: ExamStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The student's deadline: their start plus their time limit (multiplier applied), never past their window's close; null before the start. */
  deadline: Date | null;
  /** The student's time limit in minutes (multiplier applied); null on untimed work. */
  minutes: number | null;
  /** Their time multiplier when they have one. */
  multiplier: number | null;
  /** While in progress: how long until the deadline. */
  remainingMs: number | null;
  counts: ExamEventCounts;
}

/** Which count each event kind adds to (kinds not counted are absent). */
const COUNTED: Partial<Record<string, keyof ExamEventCounts>> = {
  focus_lost: "focusLost",
  save: "saves",
  submit: "submits",
  auto_submit: "submits",
  second_sign_in: "secondSignIns",
};

/** Counts with nothing counted yet. */
export function noEventCounts(): ExamEventCounts {
  return { focusLost: 0, saves: 0, submits: 0, secondSignIns: 0 };
}

/** Adds `n` events of `kind` to the counts (a kind the monitor does not count changes nothing). */
export function countEvents(counts: ExamEventCounts, kind: string, n = 1): void {
  const key = COUNTED[kind];
  if (key) counts[key] += n;
}

/** The student's line from their start, multiplier and counts. */
export function monitorLine(
  student: { userId: string; name: string; email: string },
  assessment: Pick<Assessment, "timeLimitMinutes" | "dueAt" | "latePolicy" | "lateCutoffAt">,
  start: Pick<AssessmentStart, "startedAt" | "finishedAt" | "finishReason"> | null,
  grant: Accommodation | null,
  counts: ExamEventCounts,
  now: Date,
): ExamMonitorRow {
  const startedAt = start ? new Date(start.startedAt) : null;
  const deadline = startedAt ? examDeadline(startedAt, assessment.timeLimitMinutes, grant, assessment) : null;
  const status = examStatusOf(start, deadline, now);
  return {
    ...student,
    status,
    startedAt,
    finishedAt: start?.finishedAt ? new Date(start.finishedAt) : null,
    deadline,
    minutes: accommodatedTimeLimit(assessment.timeLimitMinutes, grant),
    multiplier: grant?.timeMultiplier ?? null,
    remainingMs: status === "in_progress" && deadline ? deadline.getTime() - now.getTime() : null,
    counts,
  };
}

/** Every student of the course on one timed assessment: status, start, deadline and counts from the log, by name. */
export async function getExamMonitor(db: DbOrTx, courseId: string, assessment: Pick<Assessment, "id" | "timeLimitMinutes" | "dueAt" | "latePolicy" | "lateCutoffAt">, now = new Date()): Promise<ExamMonitorRow[]> {
  const [students, starts, grants, counted] = await Promise.all([
    db
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.role, "student")))
      .orderBy(asc(users.name), asc(users.email)),
    db.select().from(assessmentStarts).where(eq(assessmentStarts.assessmentId, assessment.id)),
    db
      .select({
        userId: studentAccommodations.userId,
        dueAt: studentAccommodations.dueAt,
        extraAttempts: studentAccommodations.extraAttempts,
        waiveLatePenalty: studentAccommodations.waiveLatePenalty,
        timeMultiplier: studentAccommodations.timeMultiplier,
      })
      .from(studentAccommodations)
      .where(eq(studentAccommodations.assessmentId, assessment.id)),
    db
      .select({ userId: examEvents.userId, kind: examEvents.kind, count: sql<number>`count(*)::int` })
      .from(examEvents)
      .where(eq(examEvents.assessmentId, assessment.id))
      .groupBy(examEvents.userId, examEvents.kind),
  ]);
  const startOf = new Map(starts.map((start) => [start.userId, start]));
  const grantOf = new Map(grants.map((grant) => [grant.userId, toAccommodation(grant)]));
  const countsOf = new Map<string, ExamEventCounts>();
  for (const row of counted) {
    const counts = countsOf.get(row.userId) ?? noEventCounts();
    countEvents(counts, row.kind, Number(row.count));
    countsOf.set(row.userId, counts);
  }
  return students.map((student) =>
    monitorLine(student, assessment, startOf.get(student.userId) ?? null, grantOf.get(student.userId) ?? null, countsOf.get(student.userId) ?? noEventCounts(), now),
  );
}
