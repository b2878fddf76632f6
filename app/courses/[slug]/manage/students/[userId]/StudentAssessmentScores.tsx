import type { Course } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import type { OverrideAuditEntry } from "@/lib/overrides/list-audit";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { assessmentStatusLabel, formatPercent, formatPoints } from "@/lib/scoring/course-grade-explanation";
import { OverrideAuditTrail } from "./OverrideAuditTrail";
import { ScoreOverrideForm } from "./ScoreOverrideForm";

interface Props {
  course: Pick<Course, "id" | "slug" | "timeZone">;
  student: { id: string; name: string };
  canOverride: boolean;
  /** The student's audit entries on whole assessments. */
  audit: readonly OverrideAuditEntry[];
}

/** Each assessment's score for the student (as their grades page counts it), staff's form to set it, and its audit trail. */
export async function StudentAssessmentScores({ course, student, canOverride, audit }: Props) {
  const { structure, grade, overrides } = await getStudentCourseGrade(await getDb(), course, student.id);
  const gradeOf = new Map(grade.assessments.map((entry) => [entry.assessmentId, entry]));
  if (structure.assessments.length === 0) return null;
  return (
    <section aria-labelledby="assessment-scores-title" id="assessment-scores">
      <h2 id="assessment-scores-title">Assessment scores</h2>
      <ul className="assessment-scores">
        {structure.assessments.map((assessment) => {
          const entry = gradeOf.get(assessment.id);
          const override = overrides.get(assessment.id);
          const trail = audit.filter((row) => row.assessmentId === assessment.id);
          const possible = assessment.items.reduce((sum, item) => sum + item.points, 0);
          return (
            <li key={assessment.id} className="card" data-assessment-id={assessment.id}>
              <h3>{assessment.title}</h3>
              <p data-testid={`assessment-score-${assessment.id}`}>
                {entry && entry.percent !== null ? `${formatPoints(entry.earned)} of ${formatPoints(entry.possible)} points (${formatPercent(entry.percent)})` : "Not yet counted"}
                {entry ? <span className="muted small"> · {assessmentStatusLabel(entry)}</span> : null}
                {override ? (
                  <strong className="staff-adjusted">
                    {" "}
                    Set by staff{override.actorName ? ` (${override.actorName})` : ""}
                  </strong>
                ) : null}
              </p>
              {override?.comment ? <p className="staff-note">Comment: {override.comment}</p> : null}
              <OverrideAuditTrail entries={trail} timeZone={course.timeZone} label={`Score changes of ${assessment.title}`} />
              {canOverride ? (
                <details className="override-panel">
                  <summary>Set assessment score: {assessment.title}</summary>
                  <ScoreOverrideForm
                    target={{ kind: "assessment", assessmentId: assessment.id, userId: student.id }}
                    slug={course.slug}
                    idPrefix={`assessment-${assessment.id}`}
                    possible={possible}
                    overridden={override !== undefined}
                    submitLabel="Save assessment score"
                  />
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
