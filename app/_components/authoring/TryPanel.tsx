"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/auth/action";
import type { TryResult } from "@/lib/authoring/types";
import { CodeEditor } from "../CodeEditor";
import { SubmissionResult } from "../SubmissionResult";
import type { SubmissionState } from "../use-submission";
import { tryResultView } from "./try-view";

interface Props {
  starter: string;
  exampleNames: readonly string[];
  tryCode: (code: string, mode: "run" | "submit") => Promise<ActionResult<TryResult>>;
  /** Why trying is not possible now (unsaved changes), or null. */
  blocked: string | null;
}

/** "Try as a student": any code graded against the saved draft, shown as the student's page shows a result. */
export function TryPanel({ starter, exampleNames, tryCode, blocked }: Props) {
  const [code, setCode] = useState(starter);
  const [result, setResult] = useState<SubmissionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(mode: "run" | "submit") {
    // The editor's Mod-Enter reaches here too: the same rules as the buttons.
    if (busy || blocked !== null) return;
    setBusy(true);
    setError(null);
    setResult({ id: "try", status: "running", verdict: null, score: null, message: null, console: null, mode, tests: [] });
    const outcome = await tryCode(code, mode).catch(() => ({ ok: false as const, error: "Could not reach the server. Try again." }));
    setBusy(false);
    if (!outcome.ok) {
      setResult(null);
      setError(outcome.error);
      return;
    }
    setResult(tryResultView(outcome.data.result, exampleNames, mode));
  }

  return (
    <section className="card try-panel" aria-labelledby="try-title">
      <h2 id="try-title">Try as a student</h2>
      <p className="hint">Grades this code against the saved draft, hidden tests included, and shows what a student would see. Nothing is recorded.</p>
      <CodeEditor value={code} onChange={setCode} label="Code to try against the draft" onRun={() => void send("run")} onSubmit={() => void send("submit")} />
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy || blocked !== null} onClick={() => void send("run")}>
          Run examples as a student
        </button>
        <button type="button" className="button" disabled={busy || blocked !== null} onClick={() => void send("submit")}>
          Submit as a student
        </button>
        <button type="button" className="button small secondary" onClick={() => setCode(starter)}>
          Reset to the starter
        </button>
      </div>
      {blocked ? <p className="hint">{blocked}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div aria-live="polite">{result ? <SubmissionResult submission={result} /> : null}</div>
    </section>
  );
}
