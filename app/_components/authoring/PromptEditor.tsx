"use client";

import { useEffect, useState } from "react";
import { CodeEditor } from "../CodeEditor";

/** How long typing must pause before the preview is rendered again. */
const PREVIEW_DEBOUNCE_MS = 400;

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Renders Markdown on the server exactly as the student's page does. */
  render: (markdown: string) => Promise<{ html: string; problems: string[] } | { error: string }>;
}

/** prompt.md in CodeMirror beside a live preview of the page a student sees (rendered on the server, debounced). */
export function PromptEditor({ value, onChange, render }: Props) {
  const [preview, setPreview] = useState<{ html: string; problems: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void render(value).then((rendered) => {
        if (!current) return;
        if ("error" in rendered) setError(rendered.error);
        else {
          setError(null);
          setPreview(rendered);
        }
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, render]);

  return (
    <div className="prompt-editor">
      <div>
        <p className="field-label" id="prompt-editor-label">
          Prompt (prompt.md, Markdown with $math$ and {"{{placeholders}}"})
        </p>
        <CodeEditor value={value} onChange={onChange} label="Prompt (prompt.md)" language="text" />
      </div>
      <section className="prompt-preview" aria-labelledby="prompt-preview-title" data-testid="prompt-preview">
        <h3 id="prompt-preview-title">As a student sees it</h3>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {preview && preview.problems.length > 0 ? (
          <ul className="error small">
            {preview.problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        ) : null}
        {preview ? <div className="prompt" dangerouslySetInnerHTML={{ __html: preview.html }} /> : <p className="muted">Rendering…</p>}
      </section>
    </div>
  );
}
