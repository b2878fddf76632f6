import { asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { gradeCategories, type Assessment, type Course } from "../db/schema";
import type { Kind } from "../exercises/kinds";
import { AppError } from "../errors";
import { listCourseAssessments, policyOf, type AssessmentWithItems } from "../courses/assessments";
import { listStudentAssessmentOverrides } from "../overrides/list-audit";
import { deadlineState } from "../courses/deadline-state";
import { checkSubmissionWindow, type AssignmentPolicy, type SubmissionWindow } from "../courses/deadlines";
import { accommodatedTimeLimit, applyAccommodation, type Accommodation } from "../scoring/accommodation";
import { countedPoints, totalPoints } from "../scoring/points";
import { listStudentAccommodations } from "../scoring/student-accommodations";
import { releaseStateOf, SEES_EVERYTHING } from "../submissions/release-view";
import { getStudentProgress, type AssignmentProgress } from "./student-progress";

/**
 * Where an assessment stands for one student now: not open yet, open with its due date ahead, past due
 * but taking late work, past due and closed, or open without a deadline.
 */
export type AssessmentState = "not_open" | "upcoming" | "late" | "closed" | "none";

/** One exercise of an assessment as the course and assessment pages show it, with the viewer's own progress. */
export interface AssessmentExerciseView {
  assignmentId: string;
  exerciseId: string;
  title: string;
  kind: Kind;
  difficulty: string;
  points: number;
  /** The exercise page; names the assessment when the exercise sits in several of the course's assessments. */
  href: string;
  /** "submitted": Submits made, their scores held back (release policy); score is then null. */
  progress: Omit<AssignmentProgress, "status"> & { status: AssignmentProgress["status"] | "submitted" };
  /** Points earned: the counted score (after late penalties) times the points; null before a graded attempt. */
  earned: number | null;
  window: SubmissionWindow;
}

/** An assessment with the rules as they apply to the viewer (their accommodation included) and their progress on it. */
export interface AssessmentView {
  id: string;
  title: string;
  category: string | null;
  opensAt: Date | null;
  /** The viewer's own due date: the assessment's, or later when an accommodation extends it. */
  dueAt: Date | null;
  /** The assessment's own due date, for everyone. */
  courseDueAt: Date | null;
  /** True when the viewer's due date is later than the assessment's. */
  extended: boolean;
  /** Attempts per exercise for the viewer (extra attempts included); null is unlimited. */
  attemptLimit: number | null;
  latePolicy: AssignmentPolicy["latePolicy"];
  latePenaltyPerDay: number;
  lateCutoffAt: Date | null;
  /** Late work is taken without penalty for the viewer (an accommodation). */
  lateWaived: boolean;
  timeLimitMinutes: number | null;
  /** When students see scores and feedback (the assessment's release policy). */
  releasePolicy: Assessment["releasePolicy"];
  /** Before the viewer's scores are released: when they come, as a sentence; null once released. */
  scoresHeld: string | null;
  /** Whether students may Run (visible examples) on its exercises. */
  allowRun: boolean;
  /** Whether starting it asks for an access code (the code itself is never here). */
  accessCodeRequired: boolean;
  /** The viewer's accommodation on this assessment, or null. */
  accommodation: Accommodation | null;
  state: AssessmentState;
  exercises: AssessmentExerciseView[];
  /**
   * `submitted` and `held`: exercises with Submits whose scores are held back, and whether they are (release policy).
   * `overridden`: `earned` is the assessment score staff set for the viewer (it replaces the exercises' sum, as in the course grade).
   */
  progress: { solved: number; attempted: number; submitted?: number; total: number; earned: number; possible: number; held?: boolean; overridden?: boolean };
}

/** Whose view: a student's is cut to what the release policy lets them see; staff see everything. */
export interface OverviewOptions {
  seeAll?: boolean;
}

/** What a member sees on a course page: the course's assessments in order, each with its exercises and the member's own progress. */
export async function getCourseOverview(db: Db, course: Course, userId: string, now = new Date(), options: OverviewOptions = {}): Promise<AssessmentView[]> {
  const listed = await listCourseAssessments(db, course.id);
  return viewAssessments(db, course, userId, listed, listed, now, options);
}

/** One assessment of the course as its page shows it to a member; NOT_FOUND when the course has no such assessment. */
export async function getAssessmentOverview(db: Db, course: Course, userId: string, assessmentId: string, now = new Date(), options: OverviewOptions = {}): Promise<AssessmentView> {
  const listed = await listCourseAssessments(db, course.id);
  const chosen = listed.filter((row) => row.assessment.id === assessmentId);
  if (chosen.length === 0) throw new AppError("NOT_FOUND", "No such assessment in this course.");
  const [view] = await viewAssessments(db, course, userId, listed, chosen, now, options);
  return view!;
}

/** The exercise page of an exercise; `?assessment=` only when the exercise sits in several assessments. */
export function exerciseHref(slug: string, exerciseId: string, assessmentId: string | null): string {
  const base = `/courses/${slug}/exercises/${encodeURIComponent(exerciseId)}`;
  return assessmentId ? `${base}?assessment=${assessmentId}` : base;
}

async function viewAssessments(
  db: Db,
  course: Course,
  userId: string,
  all: AssessmentWithItems[],
  chosen: AssessmentWithItems[],
  now: Date,
  { seeAll = false }: OverviewOptions,
): Promise<AssessmentView[]> {
  const placements = new Map<string, number>();
  for (const { items } of all) for (const { exercise } of items) placements.set(exercise.id, (placements.get(exercise.id) ?? 0) + 1);
  const [grants, categories, overrides] = await Promise.all([
    listStudentAccommodations(db, course.id, userId),
    listCategoryNames(db, course.id),
    listStudentAssessmentOverrides(db, course.id, userId),
  ]);
  const policies = new Map(chosen.map(({ assessment }) => [assessment.id, applyAccommodation(policyOf(assessment), grants.get(assessment.id) ?? null)]));
  const progress = await getStudentProgress(
    db,
    userId,
    chosen.flatMap(({ assessment, items }) => items.map(({ assignment }) => ({ id: assignment.id, policy: policies.get(assessment.id)! }))),
  );
  return chosen.map(({ assessment, items }) => {
    const policy = policies.get(assessment.id)!;
    const grant = grants.get(assessment.id) ?? null;
    const release = seeAll ? SEES_EVERYTHING : releaseStateOf(assessment, policy.dueAt, course.timeZone, now);
    const exercises = items.map(({ assignment, exercise }): AssessmentExerciseView => {
      const counted = progress.get(assignment.id) ?? { attemptsUsed: 0, score: null, status: "not_started" as const };
      const own: AssessmentExerciseView["progress"] =
        release.released || counted.attemptsUsed === 0 ? counted : { attemptsUsed: counted.attemptsUsed, score: null, status: "submitted" };
      return {
        assignmentId: assignment.id,
        exerciseId: exercise.id,
        title: exercise.title,
        kind: exercise.kind,
        difficulty: exercise.difficulty,
        points: assignment.points,
        href: exerciseHref(course.slug, exercise.id, (placements.get(exercise.id) ?? 0) > 1 ? assessment.id : null),
        progress: own,
        earned: countedPoints(own.score, assignment.points),
        window: checkSubmissionWindow(policy, now, own.attemptsUsed, course.timeZone),
      };
    });
    const count = (status: AssessmentExerciseView["progress"]["status"]) => exercises.filter((exercise) => exercise.progress.status === status).length;
    const possible = exercises.reduce((sum, exercise) => sum + exercise.points, 0);
    // Staff's score for the whole assessment replaces the exercises' sum; held back with the other scores.
    const override = release.released ? overrides.get(assessment.id) : undefined;
    return {
      id: assessment.id,
      title: assessment.title,
      category: assessment.categoryId ? (categories.get(assessment.categoryId) ?? null) : null,
      opensAt: policy.opensAt,
      dueAt: policy.dueAt,
      courseDueAt: assessment.dueAt,
      extended: policy.dueAt !== null && assessment.dueAt !== null && policy.dueAt.getTime() > assessment.dueAt.getTime(),
      attemptLimit: policy.attemptLimit,
      latePolicy: policy.latePolicy,
      latePenaltyPerDay: policy.latePenaltyPerDay,
      lateCutoffAt: policy.lateCutoffAt,
      lateWaived: policy.lateWaived,
      timeLimitMinutes: accommodatedTimeLimit(assessment.timeLimitMinutes, grant),
      releasePolicy: assessment.releasePolicy,
      scoresHeld: release.heldText,
      allowRun: assessment.allowRun,
      accessCodeRequired: assessment.accessCode !== null,
      accommodation: grant,
      state: policy.opensAt && now < policy.opensAt ? "not_open" : deadlineState(policy, now),
      exercises,
      progress: {
        solved: count("solved"),
        attempted: count("attempted"),
        submitted: count("submitted"),
        total: exercises.length,
        earned: override ? (countedPoints(override.score, possible) ?? 0) : totalPoints(exercises.map((exercise) => exercise.earned)),
        possible,
        held: !release.released,
        overridden: override !== undefined,
      },
    };
  });
}

async function listCategoryNames(db: Db, courseId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: gradeCategories.id, name: gradeCategories.name })
    .from(gradeCategories)
    .where(eq(gradeCategories.courseId, courseId))
    .orderBy(asc(gradeCategories.position));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Whether the student still has something to do on an assessment: an exercise not solved that takes a submission now. */
const hasWorkLeft = (view: AssessmentView) => view.exercises.some((exercise) => exercise.progress.status !== "solved" && exercise.window.open);

/** Assessments with work left whose (own) due date is ahead, soonest first (at most `limit`). */
export function dueNext(views: readonly AssessmentView[], limit = 3): AssessmentView[] {
  return views
    .filter((view) => view.state === "upcoming" && hasWorkLeft(view))
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
    .slice(0, limit);
}

/** Assessments with work left past their (own) due date that still take late work, oldest due date first. */
export function overdue(views: readonly AssessmentView[]): AssessmentView[] {
  return views.filter((view) => view.state === "late" && hasWorkLeft(view)).sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
}
