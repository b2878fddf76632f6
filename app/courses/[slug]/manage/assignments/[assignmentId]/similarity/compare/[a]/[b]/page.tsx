import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { plural } from "@/lib/format/plural";
import { getSimilarityPair, type PairSide } from "@/lib/similarity/report-pair";
import { percentOf } from "@/lib/similarity/report-result";
import { fragmentLines, lineRange, linesOf, regionLines } from "@/lib/similarity/fragment-lines";
import { CodeSide } from "./CodeSide";
import { FragmentList } from "./FragmentList";
import "@/app/similarity.css";

type Props = { params: Promise<{ slug: string; assignmentId: string; a: string; b: string }> };

export const metadata: Metadata = { title: "Compare two submissions" };

export default async function ComparePage({ params }: Props) {
  const { slug, assignmentId, a, b } = await params;
  const base = `/courses/${encodeURIComponent(slug)}/manage/assignments/${encodeURIComponent(assignmentId)}/similarity`;
  const user = await requirePageUser(`${base}/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
  const view = await getSimilarityPair(await getDb(), user, { courseSlug: slug, assignmentId, a, b }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { scope, fragments } = view;
  const studentLink = (side: PairSide) => (
    <Link href={`/courses/${scope.course.slug}/manage/students/${side.student.userId}#a-${scope.assignment.id}`}>{side.student.name}</Link>
  );
  const linesA = linesOf(view.a.code);
  const linesB = linesOf(view.b.code);
  const entries = fragments.map((fragment, index) => ({ number: index + 1, a: lineRange(fragment.a), b: lineRange(fragment.b), tokens: fragment.tokens }));

  return (
    <>
      <p className="small">
        <Link href={base}>← Similar submissions: {scope.exercise.title}</Link>
      </p>
      <h1>
        {view.a.student.name} and {view.b.student.name}
      </h1>
      <p data-testid="compare-summary">
        Similarity <strong data-testid="compare-similarity">{percentOf(view.similarity)} %</strong>
        {view.flagged ? <span className="badge flag-badge">Flagged</span> : null}; {plural(fragments.length, "matching fragment")}, the longest{" "}
        {plural(view.longestFragment, "token")}. Attempt pages: {studentLink(view.a)} (A), {studentLink(view.b)} (B).
      </p>

      <section aria-labelledby="fragments-title">
        <h2 id="fragments-title">Matching fragments</h2>
        {entries.length === 0 ? <p className="muted">No fragment is shared once the starter code and common code are ignored.</p> : <FragmentList entries={entries} />}
      </section>

      <section aria-labelledby="code-title">
        <h2 id="code-title">Both submissions</h2>
        <div className="compare-sides">
          <CodeSide side="a" title={`A: ${view.a.student.name}`} lines={linesA} marks={fragmentLines(fragments.map((fragment) => fragment.a), linesA.length)} />
          <CodeSide side="b" title={`B: ${view.b.student.name}`} lines={linesB} marks={fragmentLines(fragments.map((fragment) => fragment.b), linesB.length)} />
        </div>
      </section>

      {entries.length > 0 ? (
        <section aria-labelledby="aligned-title">
          <h2 id="aligned-title">Fragments side by side</h2>
          {fragments.map((fragment, index) => (
            <div key={index} className={`aligned-fragment frag-c${index % 6}`} id={`fragment-${index + 1}`} data-testid="aligned-fragment">
              <h3>
                Fragment {index + 1}: lines {entries[index]!.a} ↔ lines {entries[index]!.b}
              </h3>
              <div className="compare-sides">
                <CodeSide side={`f${index + 1}a`} title={`Fragment ${index + 1} in A`} lines={linesA} marks={[]} from={fragment.a.startLine} to={regionLines(fragment.a).last} />
                <CodeSide side={`f${index + 1}b`} title={`Fragment ${index + 1} in B`} lines={linesB} marks={[]} from={fragment.b.startLine} to={regionLines(fragment.b).last} />
              </div>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
