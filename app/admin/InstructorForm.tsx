"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { grantInstructorAction } from "./actions";

export function InstructorForm({ courses }: { courses: Array<{ slug: string; title: string }> }) {
  const [state, formAction, pending] = useActionState(grantInstructorAction, null);
  const created = state?.ok && state.data.initialPassword ? state.data : null;
  return (
    <form action={formAction} className="stack">
      <label>
        Course
        <select name="courseSlug" required defaultValue="">
          <option value="" disabled>
            Choose a course
          </option>
          {courses.map((course) => (
            <option key={course.slug} value={course.slug}>
              {course.title} ({course.slug})
            </option>
          ))}
        </select>
      </label>
      <label>
        Instructor email
        <input name="email" type="email" required autoComplete="off" />
      </label>
      <label>
        Instructor name
        <input name="name" maxLength={200} aria-describedby="instructor-name-hint" />
      </label>
      <p id="instructor-name-hint" className="field-hint">
        An existing account (found by email) keeps its name and password and becomes an instructor of the course; for a
        new one a name is needed and an initial password is shown once.
      </p>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Make instructor"}
        </button>
      </div>
      <FormStatus state={state} labels={{ courseSlug: "Course", email: "Email", name: "Name" }} />
      {created ? (
        <p className="notice" data-testid="instructor-password">
          Initial password for {created.email}: <span className="secret">{created.initialPassword}</span>. It is shown this
          once and stored only as a hash.
        </p>
      ) : null}
    </form>
  );
}
