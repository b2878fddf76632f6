import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments, studentAccommodations, submissions, type Assessment, type Course } from "../db/schema";
import { listCourseAssessments, policyOf } from "../courses/assessments";
import type { AssignmentPolicy } from "../courses/deadlines";
import { listGradeCategories, type GradeCategoryView } from "../courses/grade-categories";
import { applyAccommodation, type Accommodation } from "../scoring/accommodation";
import { countedScoreAggregate, isCountedAttempt, policyJoins } from "../scoring/counted-score-sql";
import { courseGrade, type CourseGrade } from "../scoring/course-grade";
import { scoresReleased } from "../scoring/release";
import { listStudentAccommodations } from "../scoring/student-accommodations";
import { listCourseOverrides, listStudentAssessmentOverrides, type CourseOverrides, type OverrideMark } from "../overrides/list-audit";
import { getClassMatrix, type ClassMatrix } from "./class-matrix";
import { getCourseScope, type CourseScope } from "./scope";

/** One exercise of an assessment, as the grade pages and the gradebook name it. */
export interface GradeItem {
  assignmentId: string;
  exerciseId: string;
  title: string;
  points: number;
}

/** An assessment with what the course grade needs: its category, order, own policy and exercises. */
export interface GradeAssessment {
  id: string;
  title: string;
  categoryId: string | null;
  /** Its place in the course's order (0, 1, …). */
  position: number;
  /** The assessment's own policy; a student's due date is applyAccommodation's. */
  policy: AssignmentPolicy;
  /** When students see their scores (lib/scoring/release.ts); absent: at once. */
  release?: Pick<Assessment, "releasePolicy" | "releasedAt">;
  items: GradeItem[];
}

/** What a course is graded on: its categories and its assessments, in order. */
export interface GradeStructure {
  categories: GradeCategoryView[];
  assessments: GradeAssessment[];
}

/** The course's categories and assessments with their exercises (two index-backed reads by course). */
export async function getGradeStructure(db: Db, courseId: string): Promise<GradeStructure> {
  const [categories, rows] = await Promise.all([listGradeCategories(db, courseId), listCourseAssessments(db, courseId)]);
  return {
    categories,
    // Positions as the list's order: ties in the column (made by a migration) break as the list does.
    assessments: rows.map(({ assessment, items }, index) => ({
      id: assessment.id,
      title: assessment.title,
      categoryId: assessment.categoryId,
      position: index,
      policy: policyOf(assessment),
      release: { releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt },
      items: items.map(({ assignment, exercise }) => ({ assignmentId: assignment.id, exerciseId: exercise.id, title: exercise.title, points: assignment.points })),
    })),
  };
}

/**
 * One student's course grade from the structure, their counted scores (assignmentId → 0..1, absent: none
 * graded), their accommodations (assessmentId → grant), which move due dates as they move the late policy,
 * and the assessment scores staff set for them (assessmentId → override), which replace their exercises' sum.
 */
export function gradeStudent(
  structure: GradeStructure,
  scores: ReadonlyMap<string, number | null>,
  grants: ReadonlyMap<string, Accommodation> | undefined,
  now: Date,
  { asStudent = false, overrides }: { asStudent?: boolean; overrides?: ReadonlyMap<string, Pick<OverrideMark, "score">> } = {},
): CourseGrade {
  return courseGrade({
    categories: structure.categories,
    assessments: structure.assessments.map((assessment) => {
      const dueAt = applyAccommodation(assessment.policy, grants?.get(assessment.id) ?? null).dueAt;
      return {
        id: assessment.id,
        title: assessment.title,
        categoryId: assessment.categoryId,
        position: assessment.position,
        dueAt,
        items: assessment.items,
        // The student's own page leaves out what is not released to them; staff's gradebook counts everything.
        ...(asStudent && assessment.release ? { released: scoresReleased({ ...assessment.release, dueAt }, now) } : {}),
      };
    }),
    scores,
    overrides: overrides ? new Map([...overrides].map(([assessmentId, mark]) => [assessmentId, mark.score])) : undefined,
    now,
  });
}

/** Everything the gradebook shows: who, what, the counted scores per exercise, and each student's course grade. */
export interface ClassGrades {
  scope: CourseScope;
  structure: GradeStructure;
  matrix: ClassMatrix;
  /** userId → course grade, for every student of the course. */
  grades: Map<string, CourseGrade>;
  /** The scores staff set by hand: counted in `matrix` and `grades` already, listed to be marked. */
  overrides: CourseOverrides;
}

/** The course grade of every student of the course: one matrix query, no per-student queries. */
export async function getClassGrades(db: Db, course: Course, now = new Date()): Promise<ClassGrades> {
  const [scope, structure, overrides] = await Promise.all([getCourseScope(db, course), getGradeStructure(db, course.id), listCourseOverrides(db, course.id)]);
  const matrix = await getClassMatrix(db, scope);
  const grades = new Map<string, CourseGrade>();
  for (const student of scope.students) {
    const scores = new Map<string, number | null>();
    for (const [assignmentId, cells] of matrix) scores.set(assignmentId, cells.get(student.id)?.score ?? null);
    grades.set(student.id, gradeStudent(structure, scores, scope.accommodations.get(student.id), now, { overrides: overrides.assessments.get(student.id) }));
  }
  return { scope, structure, matrix, grades, overrides };
}

export interface StudentCourseGrade {
  structure: GradeStructure;
  /** The student's counted score per assignment (absent: no graded Submit). */
  scores: Map<string, number | null>;
  /** The assessment scores staff set for the student (assessmentId → override). */
  overrides: Map<string, OverrideMark>;
  grade: CourseGrade;
}

/**
 * One student's grades page: the structure, their counted scores, staff's assessment scores and their
 * course grade (their own reads only). With `asStudent` (the student's own page) an assessment whose
 * scores are not released to them does not count and its scores (overrides too) are left out; staff
 * reading the student's grade see everything.
 */
export async function getStudentCourseGrade(db: Db, course: Pick<Course, "id">, userId: string, now = new Date(), { asStudent = false }: { asStudent?: boolean } = {}): Promise<StudentCourseGrade> {
  const [structure, grants, overrides] = await Promise.all([
    getGradeStructure(db, course.id),
    listStudentAccommodations(db, course.id, userId),
    listStudentAssessmentOverrides(db, course.id, userId),
  ]);
  const scores = await listStudentCountedScores(
    db,
    userId,
    structure.assessments.flatMap((assessment) => assessment.items.map((item) => item.assignmentId)),
  );
  const grade = gradeStudent(structure, scores, grants, now, { asStudent, overrides });
  if (asStudent) {
    for (const assessment of structure.assessments) {
      const dueAt = applyAccommodation(assessment.policy, grants.get(assessment.id) ?? null).dueAt;
      if (assessment.release && !scoresReleased({ ...assessment.release, dueAt }, now)) {
        for (const item of assessment.items) scores.delete(item.assignmentId);
        overrides.delete(assessment.id);
      }
    }
  }
  return { structure, scores, overrides, grade };
}

/**
 * A student's counted score on each of the given assignments (absent: no graded Submit), as the class
 * matrix counts it (same aggregate, same joins), read through submissions_assignment_user_idx.
 */
export async function listStudentCountedScores(db: Db, userId: string, assignmentIds: readonly string[]): Promise<Map<string, number | null>> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await studentCountedScoresQuery(db, userId, assignmentIds);
  return new Map(rows.flatMap((row) => (row.assignmentId === null ? [] : [[row.assignmentId, row.counted == null ? null : Number(row.counted)] as const])));
}

/** The query behind listStudentCountedScores (tests EXPLAIN it). */
export function studentCountedScoresQuery(db: Db, userId: string, assignmentIds: readonly string[]) {
  return db
    .select({ assignmentId: submissions.assignmentId, counted: countedScoreAggregate() })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .innerJoin(assessments, policyJoins.assessment)
    .leftJoin(studentAccommodations, policyJoins.accommodation)
    .where(and(inArray(submissions.assignmentId, [...assignmentIds]), eq(submissions.userId, userId), isCountedAttempt()))
    .groupBy(submissions.assignmentId);
}
