"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import type { CourseOption } from "@/lib/lti/deep-linking/options";
import { addToLmsAction, cancelDeepLinkAction } from "./actions";
import type { DeepLinkAnswerState } from "./handlers";

const points = (value: number) => `${value} ${value === 1 ? "point" : "points"}`;

/** Posts the signed answer on (same origin: the picker's CSP allows no other), where it goes to the LMS. */
function ReturnForm({ answer }: { answer: DeepLinkAnswerState }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.submit(), []);
  return (
    <form ref={form} method="post" action="/lti/deep-link-return" className="stack">
      <input type="hidden" name="requestId" value={answer.requestId} />
      <input type="hidden" name="JWT" value={answer.jwt} />
      <p className="success" role="status">
        {answer.message}
      </p>
      <div className="form-actions">
        <button className="button" type="submit">
          Continue to the LMS
        </button>
      </div>
    </form>
  );
}

/** One course's assessments, each with a checkbox and its exercises placeable alone; "Add to LMS". */
function CourseForm({ requestId, course, acceptMultiple, formAction, pending }: { requestId: string; course: CourseOption; acceptMultiple: boolean; formAction: (form: FormData) => void; pending: boolean }) {
  const headingId = `course-${course.id}`;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>{course.title}</h2>
      {course.assessments.length === 0 ? (
        <p className="muted">This course has no assessments yet.</p>
      ) : (
        <form action={formAction} className="stack">
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="courseId" value={course.id} />
          <ul className="deep-link-list">
            {course.assessments.map((assessment) => (
              <li key={assessment.id} className="deep-link-item" data-testid="deep-link-assessment">
                <label className="deep-link-check">
                  <input type="checkbox" name="assessmentIds" value={assessment.id} disabled={assessment.points <= 0} />
                  <span>
                    <strong>{assessment.title}</strong> <span className="muted points">· {points(assessment.points)}</span>
                    {assessment.points <= 0 ? <span className="muted small"> (no exercises yet)</span> : null}
                  </span>
                </label>
                {assessment.exercises.length > 0 ? (
                  <details>
                    <summary className="small">Or place single exercises ({assessment.exercises.length})</summary>
                    <ul className="deep-link-exercises">
                      {assessment.exercises.map((exercise) => (
                        <li key={exercise.assignmentId}>
                          <label className="deep-link-check">
                            <input type="checkbox" name="assignmentIds" value={exercise.assignmentId} disabled={exercise.points <= 0} />
                            <span>
                              Place “{exercise.title}” alone <span className="muted points">· {points(exercise.points)}</span>
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {acceptMultiple ? null : <p className="small muted">This LMS placement takes one item: choose one.</p>}
          <div className="form-actions">
            <button className="button" type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add to LMS"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The deep linking picker: choose, add (or cancel), then the signed answer goes back to the LMS. */
export function DeepLinkPicker({ requestId, courses, acceptMultiple }: { requestId: string; courses: CourseOption[]; acceptMultiple: boolean }) {
  const [added, addAction, adding] = useActionState(addToLmsAction, null);
  const [cancelled, cancelAction, cancelling] = useActionState(cancelDeepLinkAction, null);
  const answer = added?.ok ? added.data : cancelled?.ok ? cancelled.data : null;
  if (answer) return <ReturnForm answer={answer} />;
  return (
    <div className="stack">
      {courses.map((course) => (
        <CourseForm key={course.id} requestId={requestId} course={course} acceptMultiple={acceptMultiple} formAction={addAction} pending={adding || cancelling} />
      ))}
      <FormStatus state={added} labels={{ courseId: "Course", assessmentIds: "Assessments", assignmentIds: "Exercises" }} />
      <form action={cancelAction} className="form-actions">
        <input type="hidden" name="requestId" value={requestId} />
        <button className="button secondary" type="submit" disabled={adding || cancelling}>
          Cancel
        </button>
      </form>
      <FormStatus state={cancelled} />
    </div>
  );
}
