import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { listCourseAssignments } from "@/lib/courses/assignments";
import { getDb } from "@/lib/db";
import { describeHealth, type PackageHealth } from "@/lib/exercises/health";
import { kindLabel } from "@/lib/exercises/kinds";
import { groupCatalogueByTopic } from "@/lib/exercises/preview-catalogue";
import { getCatalogue } from "@/lib/exercises/registry";
import { listCourseExercises } from "@/lib/authoring";
import type { CourseExerciseSummary } from "@/lib/authoring/types";
import { isAppError } from "@/lib/errors";
import { CopyExerciseForm, ImportExerciseForm, NewExerciseForm, TasMayAuthorForm } from "./LibraryForms";
import { can } from "@/lib/auth/permissions";
import "@/app/preview.css";
import "@/app/authoring.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Exercises" };


export default async function ManageExercisesPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/exercises`);
  const membership = await requirePageCourseAccess(user, slug, "preview-exercise");
  const { course } = membership;
  const catalogue = await getCatalogue();
  const assigned = new Set((await listCourseAssignments(await getDb(), course.id)).map(({ assignment }) => assignment.exerciseId));
  const topics = groupCatalogueByTopic(catalogue.exercises, assigned);
  const health = describeHealth(catalogue);
  const base = `/courses/${course.slug}/manage/exercises`;
  // Only the course's authors get the course's own exercises; for anyone else lib/authoring answers not-found.
  const own: CourseExerciseSummary[] | null = await listCourseExercises(await getDb(), user, course.slug).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  });

  return (
    <>
      <h1>Exercises</h1>
      <p className="muted">
        {health.loaded} {health.loaded === 1 ? "exercise" : "exercises"} in the catalogue
        {health.failures.length > 0 ? `, ${health.failures.length} ${health.failures.length === 1 ? "package" : "packages"} with errors` : ""}. Open one to
        preview it as a student sees it and to run its reference solution and starter through the grader.
      </p>

      {own ? <CourseExercises slug={course.slug} exercises={own} base={base} tasMayAuthor={can(membership, "manage-authoring") ? course.tasMayAuthor : null} /> : null}

      <section aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">Catalogue</h2>
        {topics.length === 0 ? <p className="card empty">No exercise package loaded.</p> : null}
        {topics.map(({ topic, exercises }, index) => (
          <section key={topic} className="topic" aria-labelledby={`catalogue-topic-${index}`}>
            <h3 id={`catalogue-topic-${index}`}>{topic}</h3>
            <div className="table-wrap">
              <table className="data-table catalogue-table">
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Difficulty</th>
                    <th scope="col">Points</th>
                    <th scope="col">In this course</th>
                    {own ? <th scope="col">Copy</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {exercises.map((exercise) => (
                    <tr key={exercise.id}>
                      <td>
                        <Link href={`${base}/${exercise.id}`}>{exercise.title}</Link> <span className="muted small">{exercise.id}</span>
                      </td>
                      <td>{kindLabel(exercise.kind)}</td>
                      <td>{exercise.difficulty}</td>
                      <td>{exercise.points}</td>
                      <td>{exercise.assigned ? <span className="status status-solved">Assigned</span> : <span className="muted">Not assigned</span>}</td>
                      {own ? (
                        <td>
                          {exercise.kind === "model" ? (
                            <span className="muted small">Model exercises stay in the repository</span>
                          ) : (
                            <CopyExerciseForm slug={course.slug} exerciseId={exercise.id} title={exercise.title} />
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </section>

      <section aria-labelledby="health-title" data-testid="exercise-health">
        <h2 id="health-title">Package health</h2>
        <p className="hint">
          What the loader reported when the app started. Fix the files named below and restart the app, or check a package at once with{" "}
          <code>npm run exercises:check &lt;id&gt;</code>.
        </p>
        {health.failures.length === 0 ? (
          <p className="success">Every package in exercises/ loaded.</p>
        ) : (
          health.failures.map((failure) => <PackageProblems key={failure.id} health={failure} kind="errors" />)
        )}
        {health.warnings.length > 0 ? (
          <>
            <h3>Warnings</h3>
            {health.warnings.map((warning) => (
              <PackageProblems key={warning.id} health={warning} kind="warnings" />
            ))}
          </>
        ) : null}
      </section>
    </>
  );
}

/** The course's own exercises (drafts and published versions), with the ways to make one. */
function CourseExercises({ slug, exercises, base, tasMayAuthor }: { slug: string; exercises: CourseExerciseSummary[]; base: string; tasMayAuthor: boolean | null }) {
  return (
    <section aria-labelledby="course-exercises-title" className="course-exercises">
      <h2 id="course-exercises-title">Course exercises</h2>
      <p className="hint">Exercises this course made, copied or imported. Students see a version only once it is published and assigned.</p>
      {exercises.length === 0 ? (
        <p className="card empty">No course exercise yet: make one, copy one from the catalogue below, or import a package.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table stackable" data-testid="course-exercises">
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Kind</th>
                <th scope="col">Published version</th>
                <th scope="col">Draft</th>
                <th scope="col">Assignments</th>
                <th scope="col">Edit</th>
              </tr>
            </thead>
            <tbody>
              {exercises.map((exercise) => (
                <tr key={exercise.id} data-exercise-id={exercise.id}>
                  <td data-label="Exercise">
                    {exercise.title} <span className="muted small">{exercise.id}</span>
                    {exercise.copiedFrom ? <span className="muted small"> · from {exercise.copiedFrom}</span> : null}
                  </td>
                  <td data-label="Kind">{exercise.kind === "code" ? "Code" : "Quiz"}</td>
                  <td data-label="Published version">{exercise.publishedVersion ? <code>{exercise.publishedVersion.slice(0, 12)}</code> : <span className="muted">not published</span>}</td>
                  <td data-label="Draft">{exercise.draftChanged ? <span className="badge">changed</span> : <span className="muted">as published</span>}</td>
                  <td data-label="Assignments">{exercise.assignmentCount}</td>
                  <td data-label="Edit" className="catalogue-actions">
                    <Link href={`${base}/${exercise.id}/edit`}>
                      Edit<span className="visually-hidden"> {exercise.title}</span>
                    </Link>
                    {exercise.publishedVersion ? (
                      <Link href={`${base}/${exercise.id}`}>
                        Preview<span className="visually-hidden"> {exercise.title}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="new-exercises">
        <NewExerciseForm slug={slug} kind="code" />
        <NewExerciseForm slug={slug} kind="quiz" />
        <ImportExerciseForm slug={slug} />
      </div>
      {tasMayAuthor !== null ? <TasMayAuthorForm slug={slug} allowed={tasMayAuthor} /> : null}
    </section>
  );
}

/** A package's errors (it did not load) or warnings, one row per problem: file, field, problem. */
function PackageProblems({ health, kind }: { health: PackageHealth; kind: "errors" | "warnings" }) {
  const rows = kind === "errors" ? [...health.errors.map((p) => ({ ...p, level: "error" })), ...health.warnings.map((p) => ({ ...p, level: "warning" }))] : health.warnings.map((p) => ({ ...p, level: "warning" }));
  const titleId = `health-${kind}-${health.id}`;
  return (
    <section className={`card package-health ${kind}`} aria-labelledby={titleId} data-testid={`health-${health.id}`}>
      <h4 id={titleId}>
        <code>exercises/{health.id}</code> {kind === "errors" ? <span className="error">did not load</span> : <span className="muted">loaded with warnings</span>}
      </h4>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={row.level}>
                <td>{row.file ? <code>{row.file}</code> : "—"}</td>
                <td>{row.field ? <code>{row.field}</code> : "—"}</td>
                <td>
                  {row.level === "warning" ? <span className="badge">warning</span> : null} {row.problem}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
