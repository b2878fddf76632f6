import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { plural } from "@/lib/format/plural";
import { getClassGrades } from "@/lib/progress/course-grades";
import { exerciseColumns } from "@/lib/progress/gradebook";
import { listOverrideNotes, type OverrideNote } from "@/lib/progress/gradebook-overrides";
import { formatPercent, formatPoints } from "@/lib/scoring/course-grade-explanation";
import type { AssessmentGrade } from "@/lib/scoring/course-grade";
import "@/app/grades.css";
import "@/app/overrides.css";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Gradebook" };

const QuerySchema = z.object({ view: z.enum(["assessments", "exercises"]).default("assessments") }).catch({ view: "assessments" });

export default async function GradebookPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/gradebook`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const { view } = QuerySchema.parse(await searchParams);
  const classGrades = await getClassGrades(await getDb(), course);
  const { scope, structure, matrix, grades } = classGrades;
  const notes = listOverrideNotes(classGrades);
  const base = `/courses/${course.slug}/manage`;
  const exercises = view === "exercises" ? exerciseColumns(structure) : [];
  return (
    <div className="gradebook">
      <h1>Gradebook</h1>
      <div className="gradebook-tools">
        <nav aria-label="Gradebook view" className="inline-form">
          <Link className="button secondary small" href={`${base}/gradebook`} aria-current={view === "assessments" ? "page" : undefined}>
            By assessment
          </Link>
          <Link className="button secondary small" href={`${base}/gradebook?view=exercises`} aria-current={view === "exercises" ? "page" : undefined}>
            By exercise
          </Link>
        </nav>
        {can(membership, "export-grades") ? (
          <a className="button secondary small" href={`/api/courses/${course.slug}/export/gradebook`} download>
            Download gradebook (CSV)
          </a>
        ) : null}
      </div>
      <p className="muted small">
        {plural(scope.students.length, "student")}, {plural(structure.assessments.length, "assessment")}.{" "}
        {structure.categories.length === 0 ? "No categories: the course grade is points over points possible." : "The course grade weighs the categories as set under "}
        {structure.categories.length === 0 ? null : (
          <>
            <Link href={`${base}/grading`}>Grading</Link>.
          </>
        )}{" "}
        Each figure is what the student sees on their own grades page.{" "}
        <span aria-hidden="true">✎</span> marks a score set by staff (an assessment&apos;s or a Submit&apos;s): its note says by whom and why.
      </p>
      {scope.students.length === 0 ? (
        <p className="card empty">No students in this course yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="gradebook-caption">
          <table className="data-table" data-testid="gradebook">
            <caption id="gradebook-caption" className="visually-hidden">
              Course grade of every student, {view === "exercises" ? "with counted points per exercise" : "with the percentage of each assessment"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Course grade</th>
                {structure.categories.map((category) => (
                  <th scope="col" key={category.id}>
                    {category.name}
                  </th>
                ))}
                {view === "assessments"
                  ? structure.assessments.map((assessment) => (
                      <th scope="col" key={assessment.id}>
                        {assessment.title}
                      </th>
                    ))
                  : exercises.map(({ item, header }) => (
                      <th scope="col" key={item.assignmentId}>
                        {header}
                      </th>
                    ))}
              </tr>
            </thead>
            <tbody>
              {scope.students.map((student) => {
                const grade = grades.get(student.id)!;
                const byAssessment = new Map(grade.assessments.map((entry) => [entry.assessmentId, entry]));
                const byCategory = new Map(grade.categories.map((entry) => [entry.categoryId, entry]));
                const own = notes.get(student.id) ?? [];
                return (
                  <tr key={student.id} data-user-id={student.id} data-email={student.email}>
                    <th scope="row">
                      <Link href={`${base}/students/${student.id}`}>{student.name}</Link>
                    </th>
                    <td data-testid="course-grade">{grade.percent === null ? <Missing text="no grade yet" /> : formatPercent(grade.percent)}</td>
                    {structure.categories.map((category) => {
                      const percent = byCategory.get(category.id)?.percent ?? null;
                      return <td key={category.id}>{percent === null ? <Missing text="nothing counts yet" /> : formatPercent(percent)}</td>;
                    })}
                    {view === "assessments"
                      ? structure.assessments.map((assessment) => (
                          <AssessmentCell key={assessment.id} grade={byAssessment.get(assessment.id)} notes={own.filter((note) => note.assessmentId === assessment.id)} />
                        ))
                      : exercises.map(({ item }) => {
                          const points = matrix.get(item.assignmentId)?.get(student.id)?.points ?? null;
                          const marks = own.filter((note) => note.assignmentId === item.assignmentId);
                          return (
                            <td key={item.assignmentId} data-overridden={marks.length > 0 ? "true" : undefined}>
                              {points === null ? <Missing text="no graded Submit" /> : formatPoints(points)}
                              <OverrideMark notes={marks} />
                            </td>
                          );
                        })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AssessmentCell({ grade, notes }: { grade: AssessmentGrade | undefined; notes: OverrideNote[] }) {
  if (!grade || grade.percent === null) return <td>{<Missing text="not yet counted" />}</td>;
  const note = grade.dropped ? "dropped" : grade.status === "not_in_grade" ? "not in the grade" : null;
  return (
    <td data-status={grade.dropped ? "dropped" : grade.status} data-overridden={notes.length > 0 ? "true" : undefined}>
      {formatPercent(grade.percent)}
      <OverrideMark notes={notes} />
      {note ? <span className="cell-note"> ({note})</span> : null}
    </td>
  );
}

/** "✎" on a figure staff set (or that counts a Submit they set), with what they noted: a tooltip to the eye, text to a screen reader. */
function OverrideMark({ notes }: { notes: OverrideNote[] }) {
  if (notes.length === 0) return null;
  const text = notes.map((note) => note.text).join("; ");
  return (
    <>
      <span className="staff-adjusted" title={text} aria-hidden="true">
        ✎
      </span>
      <span className="visually-hidden"> (set by staff: {text})</span>
    </>
  );
}

/** An empty cell: a dash to the eye, words to a screen reader. */
function Missing({ text }: { text: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{text}</span>
    </>
  );
}
