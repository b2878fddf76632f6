import { countedPoints } from "./points";
import { explainCourseGrade } from "./course-grade-explanation";
import type { AssessmentGrade, AssessmentGradeStatus, CategoryGrade, CourseGrade, CourseGradeInput, CourseGradeMethod, GradeAssessmentInput } from "./course-grade-types";

export type * from "./course-grade-types";

/**
 * The course grade: the one place it is computed (pages, gradebook and CSV all call courseGrade).
 * Pure: the caller loads categories, assessments (with the student's effective due dates) and counted
 * scores. The rules (issue 16):
 * - an assessment's score is Σ counted points of its exercises / Σ points (points to the cent);
 * - it counts once the student has a graded Submit on any of its exercises, or once the student's
 *   effective due date has passed (missing work then counts 0); before that it is "not yet counted";
 * - per category the N lowest counted assessments by percentage are dropped (never all of them; on a tie
 *   the later position goes first); category % = Σ earned / Σ possible over the kept ones;
 * - course % = Σ weight·category% / Σ weight over the categories with something counted; assessments
 *   without a category do not count once the course has categories;
 * - a course without categories: course % = Σ earned / Σ possible over the counted assessments;
 * - an assessment score set by staff (an override, 0..1 of its points) replaces the sum of its exercises
 *   and counts at once, whatever the due date.
 * Percentages are rounded to 0.01 only on the way out; they are computed from the exact ratios.
 */

/** Percent to 0.01 (the one rounding the page and the CSV share). */
export function roundPercent(percent: number): number {
  // toPrecision first: 1.005 × 100 is 100.49999999999999 in binary, and must round up like the decimal it stands for.
  return Math.round(Number((percent * 100).toPrecision(12))) / 100;
}

/** Cents to points, exactly (sums of cent values drift in binary floating point). */
const toCents = (points: number) => Math.round(points * 100);
const fromCents = (cents: number) => cents / 100;

/** The course grade of one student; see the module comment for the rules. */
export function courseGrade(input: CourseGradeInput): CourseGrade {
  const categories = [...input.categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const method: CourseGradeMethod = categories.length > 0 ? "weighted" : "points";
  const categoryIds = new Set(categories.map((category) => category.id));
  const assessments = [...input.assessments]
    .sort(byPosition)
    .map((assessment) => gradeAssessment(assessment, input, method === "points" || (assessment.categoryId !== null && categoryIds.has(assessment.categoryId))));
  const byId = new Map(assessments.map((grade) => [grade.assessmentId, grade]));
  const positionOf = new Map(input.assessments.map((assessment) => [assessment.id, assessment.position]));

  if (method === "points") {
    const kept = assessments.filter((grade) => grade.status === "counted");
    const { earnedCents, possible } = totals(kept);
    const percent = possible > 0 ? roundPercent((100 * fromCents(earnedCents)) / possible) : null;
    const grade = { percent, method, earned: fromCents(earnedCents), possible, categories: [], assessments };
    return { ...grade, explanation: explainCourseGrade(grade) };
  }

  const categoryGrades = categories.map((category): CategoryGrade => {
    const counted = assessments.filter((grade) => grade.categoryId === category.id && grade.status === "counted");
    const dropCount = Math.min(Math.max(0, Math.floor(category.dropLowest)), Math.max(0, counted.length - 1));
    const lowestFirst = [...counted].sort((a, b) => compareShare(a, b) || (positionOf.get(b.assessmentId) ?? 0) - (positionOf.get(a.assessmentId) ?? 0) || b.assessmentId.localeCompare(a.assessmentId));
    const dropped = lowestFirst.slice(0, dropCount);
    for (const grade of dropped) byId.get(grade.assessmentId)!.dropped = true;
    const droppedIds = new Set(dropped.map((grade) => grade.assessmentId));
    const { earnedCents, possible } = totals(counted.filter((grade) => !droppedIds.has(grade.assessmentId)));
    return {
      categoryId: category.id,
      name: category.name,
      weight: category.weight,
      dropLowest: category.dropLowest,
      earned: fromCents(earnedCents),
      possible,
      percent: possible > 0 ? roundPercent((100 * fromCents(earnedCents)) / possible) : null,
      counted: counted.length,
      dropped: dropped.map((grade) => grade.assessmentId),
    };
  });

  let weighted = 0;
  let weights = 0;
  for (const category of categoryGrades) {
    if (category.possible === 0) continue;
    weighted += category.weight * (category.earned / category.possible);
    weights += category.weight;
  }
  const inGrade = assessments.filter((grade) => grade.status === "counted" && !grade.dropped);
  const { earnedCents, possible } = totals(inGrade);
  const grade = {
    percent: weights > 0 ? roundPercent((100 * weighted) / weights) : null,
    method,
    earned: fromCents(earnedCents),
    possible,
    categories: categoryGrades,
    assessments,
  };
  return { ...grade, explanation: explainCourseGrade(grade) };
}

function gradeAssessment(assessment: GradeAssessmentInput, input: CourseGradeInput, inCategory: boolean): AssessmentGrade {
  let earnedCents = 0;
  let possible = 0;
  let graded = false;
  for (const item of assessment.items) {
    const score = input.scores.get(item.assignmentId) ?? null;
    if (score !== null) graded = true;
    earnedCents += toCents(countedPoints(score, item.points) ?? 0);
    possible += item.points;
  }
  const held = assessment.released === false;
  const override = held ? undefined : input.overrides?.get(assessment.id);
  const overridden = override !== undefined;
  if (overridden) {
    earnedCents = toCents(countedPoints(override, possible) ?? 0);
    graded = true;
  }
  const due = assessment.dueAt !== null && input.now.getTime() > assessment.dueAt.getTime();
  if (held) earnedCents = 0;
  const scored = (graded || due) && !held;
  const status: AssessmentGradeStatus = !inCategory || possible <= 0 ? "not_in_grade" : held ? "not_released" : scored ? "counted" : "not_yet_counted";
  return {
    assessmentId: assessment.id,
    title: assessment.title,
    categoryId: inCategory ? assessment.categoryId : null,
    dueAt: assessment.dueAt,
    earned: fromCents(earnedCents),
    possible,
    percent: scored && possible > 0 ? roundPercent((100 * fromCents(earnedCents)) / possible) : null,
    status,
    dropped: false,
    overridden,
  };
}

const byPosition = (a: GradeAssessmentInput, b: GradeAssessmentInput) => a.position - b.position || a.id.localeCompare(b.id);

/** earned/possible of a against b, exactly (cross-multiplied in cents): negative when a is the lower share. */
function compareShare(a: AssessmentGrade, b: AssessmentGrade): number {
  return toCents(a.earned) * b.possible - toCents(b.earned) * a.possible;
}

function totals(grades: readonly AssessmentGrade[]): { earnedCents: number; possible: number } {
  return grades.reduce((sum, grade) => ({ earnedCents: sum.earnedCents + toCents(grade.earned), possible: sum.possible + grade.possible }), { earnedCents: 0, possible: 0 });
}
