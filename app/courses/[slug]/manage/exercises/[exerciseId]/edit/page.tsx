import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getCourseExercise, listVersions } from "@/lib/authoring";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { Editor } from "./Editor";
import "@/app/preview.css";
import "@/app/authoring.css";

type Props = { params: Promise<{ slug: string; exerciseId: string }> };

export const metadata: Metadata = { title: "Edit exercise" };

const short = (version: string) => version.slice(0, 12);

/** A course exercise's editor: only the course's authors get past lib/authoring; everyone else gets not-found. */
export default async function EditExercisePage({ params }: Props) {
  const { slug, exerciseId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/exercises/${encodeURIComponent(exerciseId)}/edit`);
  const db = await getDb();
  const [draft, versions] = await Promise.all([
    getCourseExercise(db, user, slug, exerciseId),
    listVersions(db, user, slug, exerciseId),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const base = `/courses/${slug}/manage/exercises`;
  const { title, kind } = headingOf(draft.files["exercise.json"]);
  // The saved draft's check names the version publishing it would make: changed when that is not the published one.
  const draftChanged = draft.publishedVersion === null || draft.lastCheck?.version !== draft.publishedVersion;
  const exportUrl = (format: "zip" | "tar.gz") => `/api/courses/${slug}/exercises/${exerciseId}/export?format=${format}`;

  return (
    <article className="authoring">
      <p className="small">
        <Link href={base}>← All exercises</Link>
      </p>
      <h1>{title || exerciseId}</h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{exerciseId}</code>
          {draft.copiedFrom ? <span className="muted"> · copied from {draft.copiedFrom}</span> : null}
        </dd>
        <dt>Kind</dt>
        <dd>{kind === "quiz" ? "Quiz" : "Code exercise"}</dd>
        <dt>Published</dt>
        <dd data-testid="published-version">
          {draft.publishedVersion ? (
            <>
              version <code>{short(draft.publishedVersion)}</code>
              {draftChanged ? " · the draft has changes since" : " · the draft is this version"}
            </>
          ) : (
            "not yet"
          )}
        </dd>
        <dt>Export</dt>
        <dd className="catalogue-actions">
          <a href={exportUrl("zip")} download>
            Export .zip
          </a>
          <a href={exportUrl("tar.gz")} download>
            Export .tar.gz
          </a>
        </dd>
      </dl>

      <Editor slug={slug} exerciseId={exerciseId} previewHref={draft.publishedVersion ? `${base}/${exerciseId}` : null} files={draft.files} lastCheck={draft.lastCheck} draftChanged={draftChanged} publishedVersion={draft.publishedVersion} />

      <section aria-labelledby="versions-title" className="versions">
        <h2 id="versions-title">Published versions</h2>
        {versions.length === 0 ? (
          <p className="muted">None yet. Assignments can use the exercise once a version is published.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stackable" data-testid="versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                  <th scope="col">Title</th>
                  <th scope="col">Assignments pinned</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.version}>
                    <td data-label="Version">
                      <code>{short(version.version)}</code> {version.current ? <span className="badge">current</span> : null}
                    </td>
                    <td data-label="Published">
                      <time dateTime={version.publishedAt}>{version.publishedAt.replace("T", " ").slice(0, 16)} UTC</time>
                    </td>
                    <td data-label="Title">{version.title}</td>
                    <td data-label="Assignments pinned">{version.assignmentCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

/** The title and kind exercise.json gives, for the heading (whatever else is wrong with it: the check says that). */
function headingOf(json: string | undefined): { title: string; kind: string } {
  try {
    const data = JSON.parse(json ?? "") as { title?: unknown; kind?: unknown };
    return { title: typeof data.title === "string" ? data.title : "", kind: typeof data.kind === "string" ? data.kind : "code" };
  } catch {
    return { title: "", kind: "code" };
  }
}
