"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

export interface SimilarityProgressState {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  error: string | null;
}

const POLL_MS = 1000;

const LABEL: Record<SimilarityProgressState["status"], string> = {
  queued: "Waiting for a worker…",
  running: "Analysing…",
  done: "Analysis finished",
  failed: "Analysis failed",
};

/** A similarity report's progress, followed until it finishes; then the page reloads to show the pairs. */
export function SimilarityProgress({ endpoint, initial }: { endpoint: string; initial: SimilarityProgressState }) {
  const [state, setState] = useState(initial);
  const [lost, setLost] = useState(false);
  const router = useRouter();
  const finished = state.status === "done" || state.status === "failed";

  useEffect(() => {
    if (finished) return;
    const poll = async () => {
      try {
        const response = await fetch(endpoint, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as SimilarityProgressState | null;
        if (!next || next.id !== initial.id) return;
        setLost(false);
        setState(next);
        if (next.status === "done" || next.status === "failed") router.refresh();
      } catch {
        setLost(true);
        setState((current) => ({ ...current }));
      }
    };
    const timer = setTimeout(() => void poll(), POLL_MS);
    return () => clearTimeout(timer);
  }, [endpoint, finished, initial.id, state, router]);

  const percent = Math.round(state.progress * 100);
  return (
    <div className="similarity-progress" data-testid="similarity-progress" data-status={state.status}>
      <label htmlFor={`similarity-${state.id}`}>{LABEL[state.status]}</label>
      <progress id={`similarity-${state.id}`} max={1} value={state.status === "done" ? 1 : state.progress}>
        {percent} %
      </progress>
      <p role="status" aria-live="polite">
        {state.status === "failed" ? (state.error ?? "The analysis failed.") : `${state.status === "done" ? 100 : percent} % analysed.`}
      </p>
      {lost ? <p className="error">Lost contact with the server; still trying.</p> : null}
    </div>
  );
}
