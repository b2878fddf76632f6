import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { submissions, type NewSubmission, type User } from "../db/schema";
import { findAssignmentOfExercise } from "../courses/assignments";
import { getStudentPolicy } from "../courses/student-policy";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { checkSubmissionWindow } from "../courses/deadlines";
import { AppError } from "../errors";
import { findExerciseForCourse, prepareQuizForSeed } from "../exercises/resolve";
import { kindOf } from "../exercises/kinds";
import { acceptRequest, AnswersRequestSchema, CodeRequestSchema } from "../exercises/kinds/requests";
import type { AnyPackage } from "../exercises/package";
import { quizSeed } from "../exercises/quiz";
import { enqueueGrading } from "../queue/enqueue";
import { hitRateLimit } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { insertGradedSubmission, insertQueuedSubmission, isUniqueViolation } from "./lifecycle";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { MAX_CODE_BYTES, RUN_RATE, SUBMIT_RATE } from "./rules";
import { requireTimedWorkOpen, RUN_TURNED_OFF } from "../exams/enforce";
import { logExamEvent } from "../exams/events";

/** Code or answers: which one the exercise takes is checked against its kind (see prepareSubmission). */
export const SubmissionRequestSchema = z.union([CodeRequestSchema, AnswersRequestSchema]);
export type SubmissionRequest = z.infer<typeof SubmissionRequestSchema>;

export interface SubmitInput {
  user: User;
  courseSlug: string;
  exerciseId: string;
  /** The assessment the work is for, when the exercise sits in several (else the first in course order). */
  assessmentId?: string;
  request: SubmissionRequest;
  /** Server time; never the client's. */
  now?: Date;
  /** The user's membership of the course when the caller has just looked it up by `courseSlug` (one query fewer). */
  membership?: CourseMembership | null;
}

/**
 * A student's Run or Submit, with every rule enforced on the server: membership, the assignment's
 * dates and attempts, code size, one grading at a time and a rate limit. Code gets its grading job in
 * the transaction that inserts it (never one without the other); a quiz is graded at once.
 */
export async function createStudentSubmission(db: Db, input: SubmitInput): Promise<{ id: string; status: string }> {
  const now = input.now ?? new Date();
  const membership = input.membership !== undefined ? input.membership : await findMembershipBySlug(db, input.courseSlug, input.user.id);
  const assigned = membership ? await findAssignmentOfExercise(db, membership.course.id, input.exerciseId, input.assessmentId) : null;
  // The version students work on: the one the assignment pins (course exercises), else the current one.
  const loaded = assigned ? await findExerciseForCourse(db, assigned.assignment.courseId, input.exerciseId, assigned.assignment.exerciseVersion) : null;
  if (!membership || !assigned || !loaded) throw new AppError("NOT_FOUND", "No such exercise in this course.");

  const variantSeed = quizSeed(input.user.id, input.exerciseId);
  const pkg = await prepareQuizForSeed(loaded.pkg, variantSeed);
  // Refused before the rate limit and the attempt count: a typo must not cost an attempt.
  const prepared = prepareSubmission(pkg, input.request, now);
  const { mode } = prepared;
  const asStudent = can(membership, "submit-as-student");
  // Timed work by the server's clock: not before the start, not after the finish or the deadline (plus the grace).
  if (asStudent && mode === "run" && !assigned.assessment.allowRun) throw new AppError("FORBIDDEN", RUN_TURNED_OFF);
  const timed = asStudent && assigned.assessment.timeLimitMinutes !== null;
  const clock = timed ? await requireTimedWorkOpen(db, assigned.assessment, input.user.id, now) : null;
  // The Submit the page sends at zero arrives within the grace: it counts as made at the deadline.
  const at = clock?.deadline && now > clock.deadline ? clock.deadline : now;

  await enforceRateLimit(db, input.user.id, mode, now);

  if (asStudent) {
    const policy = await getStudentPolicy(db, assigned.assessment, input.user.id);
    const attemptsUsed = await countAttempts(db, input.user.id, assigned.assignment.id);
    const window = checkSubmissionWindow(policy, at, mode === "run" ? 0 : attemptsUsed, membership.course.timeZone);
    if (!window.open && !(mode === "run" && window.reason !== "not_open_yet")) throw new AppError("FORBIDDEN", window.message);
  }

  const base = {
    userId: input.user.id,
    assignmentId: assigned.assignment.id,
    exerciseId: input.exerciseId,
    exerciseVersion: assigned.assignment.exerciseVersion ?? assigned.exercise.currentVersion,
    variantSeed: variantSeed | 0,
    createdAt: at,
  } as const;

  const created = await prepared.insert(db, base, variantSeed);
  if (timed) {
    await logExamEvent(db, { assessmentId: assigned.assessment.id, userId: input.user.id, kind: mode, detail: { exerciseId: input.exerciseId, submissionId: created.id }, at: now });
  }
  return created;
}

type Base = Omit<NewSubmission, "status" | "mode">;
type Prepared = { mode: "run" | "submit"; insert: (db: Db, base: Base, seed: number) => Promise<{ id: string; status: string }> };

/** The request checked as the exercise's kind takes it, and how its row is written: graded at once (answers) or queued (code). */
function prepareSubmission(pkg: AnyPackage, request: SubmissionRequest, now: Date): Prepared {
  const { grading } = kindOf(pkg);
  if (grading.mode === "inline") {
    const { answers } = acceptRequest(grading.request, request);
    const check = grading.checkAnswers(pkg, answers, true);
    if (!check.ok) throw new AppError("INVALID_INPUT", check.message);
    return {
      mode: "submit",
      insert: (db, base, seed) => {
        const grade = grading.grade(pkg, seed, answers);
        return insertGradedSubmission(db, { ...base, mode: "submit", answers, variant: grade.variant }, { score: grade.score, tests: grade.tests, gradedAt: now });
      },
    };
  }
  const { code, mode } = acceptRequest(grading.request, request);
  if (Buffer.byteLength(code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Your code is over ${MAX_CODE_BYTES / 1024} KB; the limit is ${MAX_CODE_BYTES / 1024} KB.`);
  }
  return {
    mode,
    insert: async (db, base) => {
      try {
        return await insertQueuedSubmission(db, { ...base, mode, code }, enqueueGrading);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Your previous submission for this exercise is still being graded.", { cause: error });
        throw error;
      }
    },
  };
}

/** Runs and Submits are limited separately, so that trying examples never uses up the budget for submitting. */
async function enforceRateLimit(db: Db, userId: string, mode: "run" | "submit", now: Date): Promise<void> {
  const rule = mode === "run" ? RUN_RATE : SUBMIT_RATE;
  const rate = await hitRateLimit(db, `${mode}:${userId}`, rule, now);
  if (rate.allowed) return;
  const reason = `Too many ${mode === "run" ? "runs" : "submissions"} (${rule.limit} a minute).`;
  throw new AppError("RATE_LIMITED", retryMessage(reason, rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
}

/** Graded or pending "submit" attempts on an assignment (runs do not count). */
async function countAttempts(db: Db, userId: string, assignmentId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignmentId, assignmentId), isCountedAttempt()));
  return Number(row?.n ?? 0);
}
