"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import type { DraftCheck, PackageFiles, TryResult } from "@/lib/authoring/types";
import { CodeEditor } from "../CodeEditor";
import { CheckPanel } from "./CheckPanel";
import { DIFFICULTIES, LIMIT_FIELDS, draftFiles, emptyQuestion, emptyTest, formJsonErrors, formOfFiles, type DraftForm } from "./draft-form";
import { PromptEditor } from "./PromptEditor";
import { QuestionsEditor } from "./QuestionsEditor";
import { TestsTable } from "./TestsTable";
import { TryPanel } from "./TryPanel";

export interface EditorActions {
  save: (files: PackageFiles) => Promise<ActionResult<DraftCheck>>;
  tryCode: (code: string, mode: "run" | "submit") => Promise<ActionResult<TryResult>>;
  publish: () => Promise<ActionResult<{ message: string; version: string }>>;
  renderPrompt: (markdown: string) => Promise<ActionResult<{ html: string; problems: string[] }>>;
}

interface Props {
  files: PackageFiles;
  /** The student-view preview of the published version (quizzes are tried there), or null before the first publish. */
  previewHref: string | null;
  lastCheck: DraftCheck | null;
  /** True when the saved draft differs from the latest published version (or nothing is published yet). */
  draftChanged: boolean;
  /** The latest published version's hash, or null before the first publish. */
  publishedVersion: string | null;
  actions: EditorActions;
}

/** Just under a server action's 1 MB body, leaving room for the rest of the request. */
const SAVE_BODY_LIMIT = 1000 * 1000;

const same = (a: PackageFiles, b: PackageFiles) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The exercise editor: the form serialises to the package files; Save stores and checks them (the panel beside
 * the editor shows the result); Try grades code against the saved draft; Publish needs a passing check.
 */
export function ExerciseEditor({ files: initialFiles, previewHref, lastCheck, draftChanged, publishedVersion, actions }: Props) {
  const router = useRouter();
  const [form, setForm] = useState<DraftForm | null>(() => formOfFiles(initialFiles));
  // When exercise.json is not a JSON object the form cannot show it: the raw file is edited until it is.
  const [rawJson, setRawJson] = useState(initialFiles["exercise.json"] ?? "");
  const [saved, setSaved] = useState<PackageFiles>(initialFiles);
  const [check, setCheck] = useState<DraftCheck | null>(lastCheck);
  const [changedSincePublish, setChangedSincePublish] = useState(draftChanged);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string; details?: string[] } | null>(null);
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);

  const jsonErrors = form ? formJsonErrors(form) : [];
  // The saved files as the form writes them: a package written by hand (or by the CLI) reads into the form
  // and back with other bytes, and must not count as changed, nor be rewritten, until the author edits it.
  const baseline = useMemo<PackageFiles>(() => {
    const savedForm = formOfFiles(saved);
    return savedForm ? draftFiles(savedForm) : saved;
  }, [saved]);
  const current = useMemo<PackageFiles | null>(() => {
    if (!form) return { ...saved, "exercise.json": rawJson };
    if (formJsonErrors(form).length > 0) return null;
    const files = draftFiles(form);
    return same(files, baseline) ? saved : files;
  }, [form, rawJson, saved, baseline]);
  const unsaved = current === null || !same(current, saved);
  // Leaving with unsaved changes asks first (the browser's own question).
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  const set = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const setMeta = (key: keyof DraftForm["meta"], value: string) => setForm((f) => (f ? { ...f, meta: { ...f.meta, [key]: value } } : f));
  const setCode = (key: "exports" | "generators" | "seed", value: string) => setForm((f) => (f ? { ...f, code: { ...f.code, [key]: value } } : f));
  const setLimit = (key: string, value: string) => setForm((f) => (f ? { ...f, code: { ...f.code, limits: { ...f.code.limits, [key]: value } } } : f));

  const render = useCallback(
    async (markdown: string) => {
      const result = await actions.renderPrompt(markdown).catch(() => null);
      if (!result) return { error: "Could not reach the server to render the preview." };
      return result.ok ? result.data : { error: result.error };
    },
    [actions],
  );

  async function save() {
    if (!current) return;
    setBusy("save");
    setStatus(null);
    // A server action's body is at most 1 MB (lib/http/request-limits.ts): past it the server would refuse the
    // request before reading it, so the editor says why here instead of "could not reach the server".
    if (JSON.stringify(JSON.stringify(current)).length > SAVE_BODY_LIMIT) {
      setBusy(null);
      setStatus({ kind: "error", text: "The package is too large to save: a package holds at most 512 KB in all. Your changes are still here." });
      return;
    }
    const result = await actions.save(current).catch(() => ({ ok: false as const, error: "Could not reach the server. Your changes are still here: try again.", fieldErrors: undefined }));
    setBusy(null);
    if (!result.ok) {
      setStatus({ kind: "error", text: result.error, details: Object.entries(result.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join("; ")}`) });
      return;
    }
    setSaved(current);
    setCheck(result.data);
    setChangedSincePublish(publishedVersion === null || result.data.version !== publishedVersion);
    if (!form) setForm(formOfFiles(current));
    setStatus({ kind: "success", text: result.data.ok ? "Saved. The check passed." : "Saved. The check failed: see the problems beside the editor." });
    router.refresh();
  }

  async function publish() {
    setBusy("publish");
    setStatus(null);
    const result = await actions.publish().catch(() => ({ ok: false as const, error: "Could not reach the server. Try again." }));
    setBusy(null);
    if (!result.ok) {
      setStatus({ kind: "error", text: result.error });
      return;
    }
    setChangedSincePublish(false);
    setStatus({ kind: "success", text: result.data.message });
    router.refresh();
  }

  const checkCurrent = check !== null && !unsaved && current !== null;
  const canPublish = checkCurrent && check.ok && changedSincePublish;
  const publishNote = unsaved
    ? "Save first: Publish publishes the saved, checked draft."
    : !check
      ? "Save to check the draft before publishing."
      : !check.ok
        ? "The check must pass before the draft can be published."
        : !changedSincePublish
          ? "This draft is the published version."
          : null;
  const exampleNames = form?.tests.filter((row) => row.visible).map((row) => row.name) ?? [];

  return (
    <div className="authoring-layout">
      <div className="authoring-main">
        {form ? (
          <>
            <section className="card" aria-labelledby="metadata-title">
              <h2 id="metadata-title">About the exercise</h2>
              <div className="field-row">
                <label className="field" htmlFor="meta-title">
                  Title
                  <input id="meta-title" value={form.meta.title} onChange={(e) => setMeta("title", e.target.value)} />
                </label>
                <label className="field" htmlFor="meta-topic">
                  Topic
                  <input id="meta-topic" value={form.meta.topic} onChange={(e) => setMeta("topic", e.target.value)} />
                </label>
                <label className="field" htmlFor="meta-points">
                  Points
                  <input id="meta-points" inputMode="decimal" value={form.meta.points} onChange={(e) => setMeta("points", e.target.value)} />
                </label>
                <label className="field" htmlFor="meta-difficulty">
                  Difficulty
                  <select id="meta-difficulty" value={form.meta.difficulty} onChange={(e) => setMeta("difficulty", e.target.value)}>
                    {DIFFICULTIES.map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </label>
                <p className="field">
                  <span>Kind</span> <span className="muted">{form.kind === "code" ? "Code exercise" : "Quiz"} (fixed when it was made)</span>
                </p>
              </div>
              {form.kind === "code" ? (
                <>
                  <div className="field-row">
                    <label className="field" htmlFor="code-exports">
                      Exports the student writes (comma-separated)
                      <input id="code-exports" spellCheck={false} value={form.code.exports} onChange={(e) => setCode("exports", e.target.value)} />
                    </label>
                    <label className="field" htmlFor="code-generators">
                      Test generators (exports of checks.ts, comma-separated)
                      <input id="code-generators" spellCheck={false} value={form.code.generators} onChange={(e) => setCode("generators", e.target.value)} />
                    </label>
                    <label className="field" htmlFor="code-seed">
                      Seed of the generators
                      <input id="code-seed" inputMode="numeric" value={form.code.seed} onChange={(e) => setCode("seed", e.target.value)} />
                    </label>
                  </div>
                  <details className="limits">
                    <summary>Limits</summary>
                    <div className="field-row">
                      {LIMIT_FIELDS.map(([key, label]) => (
                        <label key={key} className="field" htmlFor={`limit-${key}`}>
                          {label}
                          <input id={`limit-${key}`} inputMode="numeric" placeholder="default" value={form.code.limits[key] ?? ""} onChange={(e) => setLimit(key, e.target.value)} />
                        </label>
                      ))}
                    </div>
                  </details>
                </>
              ) : null}
            </section>

            <section className="card" aria-labelledby="prompt-title">
              <h2 id="prompt-title">Prompt</h2>
              <PromptEditor value={form.prompt} onChange={(value) => set("prompt", value)} render={render} />
            </section>

            {form.kind === "code" ? (
              <>
                <section className="card" aria-labelledby="starter-title">
                  <h2 id="starter-title">Starter (starter.ts)</h2>
                  <p className="hint">What a student&apos;s editor opens with. It must not score full marks.</p>
                  <CodeEditor value={form.starter} onChange={(value) => set("starter", value)} label="Starter (starter.ts)" />
                </section>
                <section className="card" aria-labelledby="solution-title">
                  <h2 id="solution-title">Reference solution (solution.ts)</h2>
                  <p className="hint">Never shown to students. It must pass every test; tests without an expected value expect its output.</p>
                  <CodeEditor value={form.solution} onChange={(value) => set("solution", value)} label="Reference solution (solution.ts)" />
                </section>
                <TestsTable rows={form.tests} onChange={(rows) => set("tests", rows)} onAdd={() => set("tests", [...form.tests, emptyTest(form)])} />
              </>
            ) : (
              <QuestionsEditor rows={form.questions} onChange={(rows) => set("questions", rows)} onAdd={() => set("questions", [...form.questions, emptyQuestion(form)])} />
            )}

            <section className="card" aria-labelledby="checks-title">
              <h2 id="checks-title">Custom checks (checks.ts)</h2>
              <p className="hint">
                Optional. Runs only in the sandbox and may import only <code>@tensorflow/tfjs</code>. Export custom checks{" "}
                <code>(actual, {"{ args, expected }"}) =&gt; true | message</code>, test generators <code>(rng) =&gt; tests</code> and quiz{" "}
                <code>params(rng)</code> / <code>answer(params)</code> functions.
              </p>
              <CodeEditor value={form.checks} onChange={(value) => set("checks", value)} label="Custom checks (checks.ts)" />
            </section>
          </>
        ) : (
          <section className="card" aria-labelledby="raw-title">
            <h2 id="raw-title">exercise.json</h2>
            <p className="error">exercise.json is not a JSON object, so the form cannot show it. Fix it here and Save.</p>
            <label className="field" htmlFor="raw-exercise-json">
              exercise.json
              <textarea id="raw-exercise-json" rows={20} spellCheck={false} value={rawJson} onChange={(e) => setRawJson(e.target.value)} />
            </label>
          </section>
        )}

        <div className="card save-bar">
          <div className="actions">
            <button type="button" className="button" disabled={busy !== null || current === null} onClick={() => void save()}>
              {busy === "save" ? "Saving and checking…" : "Save and check"}
            </button>
            <span className="muted small" data-testid="unsaved">
              {unsaved ? "Unsaved changes" : "All changes saved"}
            </span>
          </div>
          {jsonErrors.length > 0 ? (
            <div className="error" role="alert">
              <p>Fix the JSON in the tests table before saving:</p>
              <ul>
                {jsonErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {status ? (
            <div className={status.kind} role={status.kind === "error" ? "alert" : "status"}>
              <p>{status.text}</p>
              {status.details && status.details.length > 0 ? (
                <ul>
                  {status.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>

      <aside className="authoring-side" aria-label="Check, publish and try">
        <CheckPanel check={check} stale={check !== null && unsaved} />
        <section className="card" aria-labelledby="publish-title">
          <h2 id="publish-title">Publish</h2>
          <p className="hint">Publishing makes the saved draft a new version that assignments can use. Students never see a draft.</p>
          <button type="button" className="button" disabled={!canPublish || busy !== null} onClick={() => void publish()} aria-describedby={publishNote ? "publish-note" : undefined}>
            {busy === "publish" ? "Publishing…" : "Publish"}
          </button>
          {publishNote ? (
            <p className="hint" id="publish-note">
              {publishNote}
            </p>
          ) : null}
        </section>
        {form?.kind !== "quiz" ? (
          <TryPanel
            starter={form?.starter ?? saved["starter.ts"] ?? ""}
            exampleNames={exampleNames}
            tryCode={actions.tryCode}
            blocked={unsaved ? "Save first: code is graded against the saved draft." : null}
          />
        ) : (
          <section className="card" aria-labelledby="try-quiz-title">
            <h2 id="try-quiz-title">Try as a student</h2>
            <p className="hint">
              A quiz is tried in its preview, with one student&apos;s numbers, once it is published.{" "}
              {previewHref ? <a href={previewHref}>Open the published version&apos;s preview</a> : "Publish it first."}
            </p>
          </section>
        )}
      </aside>
    </div>
  );
}
