"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { plural } from "@/lib/format/plural";

export interface ProgressState {
  id: string;
  total: number;
  done: number;
  failed: number;
  finished: boolean;
}

const POLL_MS = 1000;

/** A regrade's progress, followed until it finishes; then the page reloads its report. */
export function RegradeProgress({ endpoint, initial }: { endpoint: string; initial: ProgressState }) {
  const [progress, setProgress] = useState(initial);
  const [lost, setLost] = useState(false);
  const router = useRouter();

  useEffect(() => {
    if (progress.finished) return;
    const poll = async () => {
      try {
        const response = await fetch(endpoint, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ProgressState | null;
        if (!next || next.id !== initial.id) return;
        setLost(false);
        setProgress(next);
        if (next.finished) router.refresh();
      } catch {
        setLost(true);
        setProgress((current) => ({ ...current }));
      }
    };
    const timer = setTimeout(() => void poll(), POLL_MS);
    return () => clearTimeout(timer);
  }, [endpoint, initial.id, progress, router]);

  const counted = progress.done + progress.failed;
  const percent = progress.total === 0 ? 100 : Math.round((counted / progress.total) * 100);
  return (
    <div className="regrade-progress" data-testid="regrade-progress" data-finished={progress.finished}>
      <label htmlFor={`regrade-${progress.id}`}>{progress.finished ? "Regrade finished" : "Regrading…"}</label>
      <progress id={`regrade-${progress.id}`} max={Math.max(progress.total, 1)} value={progress.total === 0 ? 1 : counted}>
        {percent} %
      </progress>
      <p role="status" aria-live="polite">
        {counted} of {plural(progress.total, "submission")} ({percent} %): {progress.done} regraded, {progress.failed} failed
        {progress.failed > 0 ? " (their previous results were kept)" : ""}.
      </p>
      {lost ? <p className="error">Lost contact with the server; still trying.</p> : null}
    </div>
  );
}
