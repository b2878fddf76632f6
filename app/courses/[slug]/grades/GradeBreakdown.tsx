import Link from "next/link";
import { formatDateTime } from "@/lib/courses/format-date";
import type { GradeStructure } from "@/lib/progress/course-grades";
import type { CourseGrade } from "@/lib/scoring/course-grade";
import { assessmentStatusLabel, formatPercent, formatPoints } from "@/lib/scoring/course-grade-explanation";
import { countedPoints } from "@/lib/scoring/points";
import { ScrollRegion } from "@/app/_components/ScrollRegion";
import type { OverrideMark } from "@/lib/overrides/list-audit";

interface Props {
  slug: string;
  timeZone: string;
  structure: GradeStructure;
  /** The student's counted score per assignment (absent: no graded Submit). */
  scores: ReadonlyMap<string, number | null>;
  grade: CourseGrade;
  /** The assessment scores staff set (assessmentId → score and comment). */
  overrides?: ReadonlyMap<string, Pick<OverrideMark, "comment">>;
}

/** A student's course grade: the figure, how it was computed, and the categories and assessments behind it. */
export function GradeBreakdown({ slug, timeZone, structure, scores, grade, overrides }: Props) {
  const categoryName = new Map(structure.categories.map((category) => [category.id, category.name]));
  const byId = new Map(structure.assessments.map((assessment) => [assessment.id, assessment]));
  return (
    <>
      <section className="card course-grade" aria-labelledby="course-grade-title">
        <h2 id="course-grade-title">Course grade</h2>
        <p className="course-grade-value" data-testid="course-grade">
          {grade.percent === null ? "No course grade yet" : formatPercent(grade.percent)}
        </p>
        <h3 id="explanation-title">How it was computed</h3>
        <ul aria-labelledby="explanation-title" data-testid="grade-explanation">
          {grade.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      {grade.method === "weighted" ? (
        <section aria-labelledby="categories-title">
          <h2 id="categories-title">By category</h2>
          <ScrollRegion label="Your grade by category">
            <table className="data-table" data-testid="grade-categories">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Points</th>
                  <th scope="col">Percent</th>
                  <th scope="col">Dropped</th>
                </tr>
              </thead>
              <tbody>
                {grade.categories.map((category) => (
                  <tr key={category.categoryId} data-category-id={category.categoryId}>
                    <th scope="row">{category.name}</th>
                    <td>{formatPoints(category.weight)}</td>
                    <td>{category.percent === null ? <Missing text="none yet" /> : `${formatPoints(category.earned)} of ${formatPoints(category.possible)}`}</td>
                    <td>{category.percent === null ? "nothing counts yet" : formatPercent(category.percent)}</td>
                    <td>{category.dropped.length === 0 ? "none" : category.dropped.map((id) => byId.get(id)?.title ?? id).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : null}

      <section aria-labelledby="assessments-title">
        <h2 id="assessments-title">By assessment</h2>
        {grade.assessments.length === 0 ? (
          <p className="muted">This course has no assessments yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="grade-assessments">
              <thead>
                <tr>
                  <th scope="col">Assessment</th>
                  {grade.method === "weighted" ? <th scope="col">Category</th> : null}
                  <th scope="col">Due</th>
                  <th scope="col">Points</th>
                  <th scope="col">Percent</th>
                  <th scope="col">In the grade</th>
                </tr>
              </thead>
              <tbody>
                {grade.assessments.map((entry) => {
                  const assessment = byId.get(entry.assessmentId);
                  return (
                    <tr key={entry.assessmentId} data-assessment-id={entry.assessmentId} data-status={entry.dropped ? "dropped" : entry.status}>
                      <th scope="row">
                        <Link href={`/courses/${slug}/assessments/${entry.assessmentId}`}>{entry.title}</Link>
                        {entry.overridden ? (
                          <p className="staff-note" data-testid="staff-adjustment">
                            Score adjusted by staff: {formatPoints(entry.earned)} of {formatPoints(entry.possible)} points.
                            {overrides?.get(entry.assessmentId)?.comment ? ` ${overrides.get(entry.assessmentId)!.comment}` : ""}
                          </p>
                        ) : null}
                        {assessment && assessment.items.length > 1 ? (
                          <ul className="grade-items small">
                            {assessment.items.map((item) => {
                              const points = countedPoints(scores.get(item.assignmentId) ?? null, item.points);
                              return (
                                <li key={item.assignmentId}>
                                  {item.title}:{" "}
                                  {entry.status === "not_released" ? "not released yet" : points === null ? "not graded yet" : `${formatPoints(points)} of ${item.points}`}
                                </li>
                              );
                            })}
                          </ul>
                        ) : null}
                      </th>
                      {grade.method === "weighted" ? <td>{entry.categoryId ? categoryName.get(entry.categoryId) : "none"}</td> : null}
                      <td>{entry.dueAt ? formatDateTime(entry.dueAt, timeZone) : "no due date"}</td>
                      <td>{entry.percent === null ? `${formatPoints(entry.possible)} possible` : `${formatPoints(entry.earned)} of ${formatPoints(entry.possible)}`}</td>
                      <td>{entry.percent === null ? <Missing text="none yet" /> : formatPercent(entry.percent)}</td>
                      <td>{assessmentStatusLabel(entry)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** An empty figure: a dash to the eye, words to a screen reader. */
function Missing({ text }: { text: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{text}</span>
    </>
  );
}
