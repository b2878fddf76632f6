import { formatPoints } from "../scoring/course-grade-explanation";
import { countedPoints } from "../scoring/points";
import type { ClassGrades, GradeAssessment } from "./course-grades";

/** One manual score of a student, in words: "Midterm: 18/20 by Ann — re-marked question 3". */
export interface OverrideNote {
  /** The assessment it belongs to (the whole assessment's score, or a Submit of one of its exercises). */
  assessmentId: string;
  /** The Submit's assignment; null for the assessment's own score. */
  assignmentId: string | null;
  text: string;
}

/**
 * The gradebook's marks of scores staff set by hand, per student: assessment scores first, then
 * overridden Submits, in course order. The page marks the cells they touch; the CSV lists them.
 */
export function listOverrideNotes(data: Pick<ClassGrades, "structure" | "overrides">): Map<string, OverrideNote[]> {
  const { structure, overrides } = data;
  const notes = new Map<string, OverrideNote[]>();
  const add = (userId: string, note: OverrideNote) => notes.set(userId, [...(notes.get(userId) ?? []), note]);
  const itemOf = new Map(structure.assessments.flatMap((assessment) => assessment.items.map((item) => [item.assignmentId, { assessment, item }] as const)));
  for (const assessment of structure.assessments) {
    for (const [userId, marks] of overrides.assessments) {
      const mark = marks.get(assessment.id);
      if (!mark) continue;
      const possible = possibleOf(assessment);
      add(userId, { assessmentId: assessment.id, assignmentId: null, text: describe(assessment.title, countedPoints(mark.score, possible) ?? 0, possible, mark) });
    }
  }
  for (const mark of overrides.submissions) {
    const found = itemOf.get(mark.assignmentId);
    if (!found) continue;
    const { assessment, item } = found;
    const label = assessment.title === item.title ? item.title : `${assessment.title} › ${item.title}`;
    add(mark.userId, { assessmentId: assessment.id, assignmentId: item.assignmentId, text: describe(label, countedPoints(mark.score, item.points) ?? 0, item.points, mark) });
  }
  return notes;
}

/** The CSV's `overrides` cell: every note of the student, "; " between them. */
export function overridesCell(notes: readonly OverrideNote[] | undefined): string {
  return (notes ?? []).map((note) => note.text).join("; ");
}

function describe(label: string, points: number, possible: number, mark: { actorName: string | null; comment: string }): string {
  return `${label}: ${formatPoints(points)}/${formatPoints(possible)} by ${mark.actorName ?? "staff"}${mark.comment ? ` — ${mark.comment}` : ""}`;
}

const possibleOf = (assessment: GradeAssessment) => assessment.items.reduce((sum, item) => sum + item.points, 0);
