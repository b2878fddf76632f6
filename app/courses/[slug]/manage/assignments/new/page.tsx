import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listCatalogueForCourse } from "@/lib/courses/assignment-catalogue";
import { kindLabel } from "@/lib/exercises/kinds";
import { AssignButton } from "./AssignButton";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Add assignment" };


export default async function AddAssignmentPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assignments/new`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const topics = await listCatalogueForCourse(await getDb(), course.id);
  const base = `/courses/${course.slug}/manage`;
  return (
    <>
      <p className="small">
        <Link href={`${base}/assignments`}>← All assignments</Link>
      </p>
      <h1>Add assignment</h1>
      <p className="muted">
        The exercise catalogue by topic. An exercise you assign is open to students at once, without a deadline, until you
        set its dates on the next page.
      </p>
      {topics.length === 0 ? <p className="card empty">The catalogue is empty: no exercise package has loaded.</p> : null}
      {topics.map(({ topic, entries }, index) => (
        // Topic names hold spaces, which ids must not (aria-labelledby would read them as several ids).
        <section key={topic} aria-labelledby={`topic-${index}`}>
          <h2 id={`topic-${index}`}>{topic}</h2>
          <div className="table-wrap">
            <table className="data-table stackable">
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Difficulty</th>
                  <th scope="col">Points</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {entries.map(({ exercise, assignmentId }) => (
                  <tr key={exercise.id} data-exercise-id={exercise.id}>
                    <td data-label="Exercise">{exercise.title}</td>
                    <td data-label="Kind">{kindLabel(exercise.kind)}</td>
                    <td data-label="Difficulty">{exercise.difficulty}</td>
                    <td data-label="Points">{exercise.points}</td>
                    <td>
                      <div className="catalogue-actions">
                        <Link href={`${base}/exercises/${exercise.id}`} aria-label={`Preview ${exercise.title}`}>
                          Preview
                        </Link>
                        {assignmentId ? (
                          <Link href={`${base}/assignments/${assignmentId}`} aria-label={`Assigned: edit ${exercise.title}`}>
                            Assigned: edit
                          </Link>
                        ) : can(membership, "edit-assignment") ? (
                          <AssignButton slug={course.slug} exerciseId={exercise.id} title={exercise.title} />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
