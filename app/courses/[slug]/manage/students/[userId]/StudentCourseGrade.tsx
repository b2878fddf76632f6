import Link from "next/link";
import type { Course } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { formatPercent } from "@/lib/scoring/course-grade-explanation";

/** The student's course grade as they see it on their grades page, with how it was computed. */
export async function StudentCourseGrade({ course, userId }: { course: Course; userId: string }) {
  const { grade } = await getStudentCourseGrade(await getDb(), course, userId);
  return (
    <section className="card" aria-labelledby="student-grade-title">
      <h2 id="student-grade-title">Course grade</h2>
      <p data-testid="student-course-grade">
        <strong>{grade.percent === null ? "No course grade yet" : formatPercent(grade.percent)}</strong>{" "}
        <span className="muted small">
          (as on the student&apos;s own grades page; every student in the <Link href={`/courses/${course.slug}/manage/gradebook`}>gradebook</Link>)
        </span>
      </p>
      <ul className="small">
        {grade.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
