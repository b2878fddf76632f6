/**
 * Adds to stored quiz attempts what the student reads after grading: their answers as the options'
 * text, and each question's explanation once the assignment's release rule allows it. Until then the
 * explanations are not computed at all, so no payload (API or page) can carry them.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments, submissions, type Submission } from "../db/schema";
import { getStudentPolicy } from "../courses/student-policy";
import { kindOf } from "../exercises/kinds";
import { findExerciseVersion, prepareQuizForAttempt } from "../exercises/resolve";
import { explanationsReleased } from "../courses/explanation-release";
import type { SubmissionView } from "./submission-view";
import { isCountedAttempt } from "../scoring/counted-score-sql";

const EXPLANATIONS_PENDING = "The explanations appear once you can no longer submit: after the deadline or your last attempt.";

export interface QuizFeedbackOptions {
  /** Course staff reading a student's attempt see the explanations whatever the rule. */
  staffViewer: boolean;
  now?: Date;
}

/** `views` (each with the row it was made from) with quiz answers and any released explanations added. */
export async function withQuizFeedback(db: Db, entries: ReadonlyArray<readonly [Submission, SubmissionView]>, options: QuizFeedbackOptions): Promise<SubmissionView[]> {
  const released = new Map<string, Promise<boolean>>();
  const releasedFor = (assignmentId: string, userId: string): Promise<boolean> => {
    const key = `${assignmentId}:${userId}`;
    const known = released.get(key);
    if (known) return known;
    const decision = options.staffViewer ? Promise.resolve(true) : isReleased(db, assignmentId, userId, options.now ?? new Date());
    released.set(key, decision);
    return decision;
  };
  return Promise.all(
    entries.map(async ([row, view]) => {
      if (row.answers === null) return view;
      // The version the attempt was graded against, with the variant of its own seed.
      const loaded = await findExerciseVersion(db, row.exerciseId, row.exerciseVersion);
      const grading = loaded ? kindOf(loaded.pkg).grading : null;
      if (!loaded || grading?.mode !== "inline") return view;
      const pkg = await prepareQuizForAttempt(loaded.pkg, row);
      // A preview (no assignment) is read only by the staff member who ran it, to check the package.
      const { assignmentId } = row;
      const withAnswers: SubmissionView = assignmentId === null ? view : { ...view, quizAnswers: grading.reviewAnswers(pkg, row) };
      if (assignmentId !== null && !(await releasedFor(assignmentId, row.userId))) return { ...withAnswers, explanationsPending: EXPLANATIONS_PENDING };
      const explanations = grading.explanations(pkg, row);
      return {
        ...withAnswers,
        tests: view.tests.map((test) => {
          const explanationHtml = explanations.get(test.name);
          return explanationHtml === undefined ? test : { ...test, explanationHtml };
        }),
      };
    }),
  );
}

async function isReleased(db: Db, assignmentId: string, userId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ assessment: assessments })
    .from(assignments)
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .where(eq(assignments.id, assignmentId))
    .limit(1);
  if (!row) return false;
  const attempts = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignmentId, assignmentId), isCountedAttempt()));
  const policy = await getStudentPolicy(db, row.assessment, userId);
  return explanationsReleased({ setting: row.assessment.explanationRelease, policy, attemptsUsed: attempts.length, now });
}
