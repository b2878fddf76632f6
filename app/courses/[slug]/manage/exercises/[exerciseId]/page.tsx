import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { CodeWorkbench } from "@/app/_components/CodeWorkbench";
import { QuizForm } from "@/app/_components/QuizForm";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { kindOf } from "@/lib/exercises/kinds";
import { getDb } from "@/lib/db";
import { findExerciseForCourse, prepareQuizForSeed } from "@/lib/exercises/resolve";
import { quizSeed } from "@/lib/exercises/quiz/rng";
import { studentExerciseView } from "@/lib/exercises/student-view";
import { PREVIEW_SAMPLE_VIEWER } from "@/lib/submissions/preview";
import { PreviewRuns } from "./PreviewRuns";
import "@/app/preview.css";

type Props = { params: Promise<{ slug: string; exerciseId: string }> };

export const metadata: Metadata = { title: "Exercise preview" };


export default async function ExercisePreviewPage({ params }: Props) {
  const { slug, exerciseId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/exercises/${encodeURIComponent(exerciseId)}`);
  const { course } = await requirePageCourseAccess(user, slug, "preview-exercise");
  // The catalogue's exercises and this course's published ones (another course's are not found).
  const loaded = await findExerciseForCourse(await getDb(), course.id, exerciseId);
  if (!loaded) notFound();
  // A quiz whose numbers come from checks.ts shows the sample viewer's variant, computed in the sandbox.
  const pkg = await prepareQuizForSeed(loaded.pkg, quizSeed(PREVIEW_SAMPLE_VIEWER, exerciseId));
  const view = studentExerciseView(pkg, PREVIEW_SAMPLE_VIEWER);
  const kind = kindOf(pkg);
  const endpoint = `/courses/${course.slug}/manage/exercises/${pkg.exercise.id}/runs`;

  return (
    <article className="exercise preview">
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/exercises`}>← All exercises</Link>
      </p>
      <h1>{pkg.exercise.title}</h1>
      <dl className="facts">
        <dt>Package</dt>
        <dd>
          <code>exercises/{pkg.exercise.id}</code> · version <code>{loaded.contentHash.slice(0, 12)}</code>
        </dd>
        <dt>Topic</dt>
        <dd>{pkg.exercise.topic}</dd>
        <dt>Kind</dt>
        <dd>
          {kind.label} · {pkg.exercise.difficulty} · {pkg.exercise.points} points
        </dd>
      </dl>

      <section className="card preview-check" aria-labelledby="check-title">
        <h2 id="check-title">Check the package</h2>
        <p className="hint">
          {kind.preview.hint}{" "}
          Runs here count for no one and are never shown to students.
        </p>
        <PreviewRuns endpoint={endpoint} labels={{ solution: kind.preview.solution, starter: kind.preview.starter }} />
      </section>

      <section className="student-view" aria-labelledby="student-view-title">
        <h2 id="student-view-title">As a student sees it</h2>
        {view.kind === "quiz" ? <p className="hint">The numbers of one sample variant: each student gets their own.</p> : null}
        <div className="prompt" dangerouslySetInnerHTML={{ __html: view.promptHtml }} />
        {view.kind === "code" ? (
          <>
            {view.examples.length > 0 ? (
              <section aria-labelledby="examples-title">
                <h3 id="examples-title">Examples you can run</h3>
                <ul className="examples">
                  {view.examples.map((example) => (
                    <li key={example.name}>
                      <code>{example.text}</code>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <h3>Your solution</h3>
            <CodeWorkbench
              endpoint={endpoint}
              draftEndpoint={`/courses/${course.slug}/manage/exercises/${pkg.exercise.id}/draft`}
              starter={view.starter}
              draft={null}
              draftKey={`tensorgrade:preview:${user.id}:${pkg.exercise.id}`}
              canSubmit
              submitNote="Submit grades every test, hidden ones included; nothing here counts for anyone."
            />
          </>
        ) : (
          <QuizForm endpoint={endpoint} quiz={view.quiz} canSubmit />
        )}
      </section>
    </article>
  );
}
