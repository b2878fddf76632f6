/** The shapes of the course grade (course-grade.ts computes it, course-grade-explanation.ts words it). */

export interface GradeCategoryInput {
  id: string;
  name: string;
  /** Relative weight, ≥ 0 (numeric(6,2) in the database). */
  weight: number;
  dropLowest: number;
  position: number;
}

export interface GradeAssessmentInput {
  id: string;
  title: string;
  categoryId: string | null;
  position: number;
  /** The student's effective due date (with any extension); null: no due date. */
  dueAt: Date | null;
  items: ReadonlyArray<{ assignmentId: string; points: number }>;
  /** False: the student's scores on it are not released yet (release policy); it does not count. Absent: released. */
  released?: boolean;
}

export interface CourseGradeInput {
  categories: readonly GradeCategoryInput[];
  assessments: readonly GradeAssessmentInput[];
  /** The student's counted score per assignment (0..1); absent or null: no graded Submit. */
  scores: ReadonlyMap<string, number | null>;
  /** Assessment scores set by staff (assessmentId → 0..1 of its points): each replaces the sum of its exercises. */
  overrides?: ReadonlyMap<string, number>;
  now: Date;
}

/**
 * counted: part of the grade; not_yet_counted: nothing graded and not yet due; not_in_grade: in no category
 * (or worth 0 points); not_released: its scores are held back from the student (release policy), so it does not count yet.
 */
export type AssessmentGradeStatus = "counted" | "not_yet_counted" | "not_in_grade" | "not_released";

export interface AssessmentGrade {
  assessmentId: string;
  title: string;
  /** The category it counts in; null when it is in none (or in one that does not exist). */
  categoryId: string | null;
  /** The student's effective due date, as given. */
  dueAt: Date | null;
  /** Σ counted points (missing work 0), to the cent. */
  earned: number;
  possible: number;
  /** earned / possible in percent, to 0.01; null while not yet counted and not graded, or worth 0 points. */
  percent: number | null;
  status: AssessmentGradeStatus;
  /** Counted, but one of its category's lowest, dropped. */
  dropped: boolean;
  /** Its score was set by staff (an assessment override), not summed from its exercises. */
  overridden: boolean;
}

export interface CategoryGrade {
  categoryId: string;
  name: string;
  weight: number;
  dropLowest: number;
  /** Over the kept (counted, not dropped) assessments, to the cent. */
  earned: number;
  possible: number;
  /** Σ earned / Σ possible in percent, to 0.01; null when nothing in it counts yet (it is then left out of the course grade). */
  percent: number | null;
  /** How many of its assessments count (dropped ones included). */
  counted: number;
  /** The dropped assessments, lowest first. */
  dropped: string[];
}

export type CourseGradeMethod = "weighted" | "points";

export interface CourseGrade {
  /** To 0.01; null while nothing counts (or every category with counted work weighs 0). */
  percent: number | null;
  method: CourseGradeMethod;
  /** Σ earned and Σ possible over the kept assessments that are in the grade, to the cent. */
  earned: number;
  possible: number;
  /** In category position order; empty for the points method. */
  categories: CategoryGrade[];
  /** In course order (position). */
  assessments: AssessmentGrade[];
  /** How the grade was computed, sentence by sentence, for the student's page. */
  explanation: string[];
}
