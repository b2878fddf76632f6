import type { CsvValue } from "./csv";
import type { AssessmentGrade, CourseGrade } from "../scoring/course-grade";
import type { ClassGrades, GradeAssessment, GradeItem, GradeStructure } from "./course-grades";
import { listOverrideNotes, overridesCell } from "./gradebook-overrides";

/**
 * The gradebook as CSV rows: one per student with the course grade, each category's percentage, each
 * assessment's points and percentage, each exercise's counted points, the dropped assessments, and the
 * scores staff set by hand (already counted in the figures before it). Every
 * figure is the student's own grades page's (the same CourseGrade, the same rounding): an assessment that
 * does not count yet, like an exercise without a graded Submit, is an empty cell.
 */
export function buildGradebook(data: ClassGrades): CsvValue[][] {
  const { structure, scope, matrix, grades } = data;
  const exercises = exerciseColumns(structure);
  const notes = listOverrideNotes(data);
  const header: CsvValue[] = [
    "email",
    "name",
    "course grade (%)",
    // "(category %)": a category and an assessment may share a name ("Exam").
    ...structure.categories.map((category) => `${category.name} (category %)`),
    ...structure.assessments.flatMap((assessment) => [`${assessment.title} (points of ${possibleOf(assessment)})`, `${assessment.title} (%)`]),
    ...exercises.map(({ header }) => header),
    "dropped",
    "overrides",
  ];
  const rows = scope.students.map((student) => {
    const grade = grades.get(student.id)!;
    const byAssessment = new Map(grade.assessments.map((entry) => [entry.assessmentId, entry]));
    const byCategory = new Map(grade.categories.map((entry) => [entry.categoryId, entry]));
    return [
      student.email,
      student.name,
      grade.percent,
      ...structure.categories.map((category) => byCategory.get(category.id)?.percent ?? null),
      ...structure.assessments.flatMap((assessment) => assessmentCells(byAssessment.get(assessment.id))),
      ...exercises.map(({ item }) => matrix.get(item.assignmentId)?.get(student.id)?.points ?? null),
      droppedTitles(grade),
      overridesCell(notes.get(student.id)),
    ];
  });
  return [header, ...rows];
}

/** Points and percentage of an assessment, both empty while it has no percentage (not yet counted). */
export function assessmentCells(grade: AssessmentGrade | undefined): [number | null, number | null] {
  return grade && grade.percent !== null ? [grade.earned, grade.percent] : [null, null];
}

/** The assessments dropped from the student's grade, by title, "; " between them. */
export function droppedTitles(grade: CourseGrade): string {
  const titles = new Map(grade.assessments.map((entry) => [entry.assessmentId, entry.title]));
  return grade.categories.flatMap((category) => category.dropped.map((id) => titles.get(id) ?? id)).join("; ");
}

const possibleOf = (assessment: GradeAssessment) => assessment.items.reduce((sum, item) => sum + item.points, 0);

/**
 * A column per exercise of each assessment: "adam (15)", or "Homework 1: adam (15)" when the exercise
 * sits in several assessments of the course.
 */
export function exerciseColumns(structure: GradeStructure): Array<{ assessment: GradeAssessment; item: GradeItem; header: string }> {
  const uses = new Map<string, number>();
  for (const assessment of structure.assessments) for (const item of assessment.items) uses.set(item.exerciseId, (uses.get(item.exerciseId) ?? 0) + 1);
  return structure.assessments.flatMap((assessment) =>
    assessment.items.map((item) => ({
      assessment,
      item,
      header: `${uses.get(item.exerciseId)! > 1 ? `${assessment.title}: ` : ""}${item.exerciseId} (${item.points})`,
    })),
  );
}
