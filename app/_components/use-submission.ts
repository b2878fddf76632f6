"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface SubmissionState {
  id: string;
  status: "queued" | "running" | "graded" | "error";
  verdict: string | null;
  score: number | null;
  message: string | null;
  console: string | null;
  mode: "run" | "submit";
  tests: Array<{ name: string; passed: boolean; message: string; hidden: boolean; shown?: { expected: unknown; actual: unknown }; explanationHtml?: string }>;
  explanationsPending?: string;
}

const POLL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a submission and follows it (queued → running → graded) until it is final. */
export function useSubmission(endpoint: string) {
  const [current, setCurrent] = useState<SubmissionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = useCallback(
    async (body: unknown): Promise<string | null> => {
      setBusy(true);
      setError(null);
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const payload = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
        if (!response.ok || !payload.id) {
          setError(payload.error ?? `The submission was refused (${response.status}).`);
          return null;
        }
        const mode = (body as { mode?: unknown }).mode === "run" ? "run" : "submit";
        setCurrent({ id: payload.id, status: "queued", verdict: null, score: null, message: null, console: null, mode, tests: [] });
        while (mounted.current) {
          const poll = await fetch(`/api/submissions/${payload.id}`, { cache: "no-store" });
          if (!poll.ok) {
            setError("Lost track of the submission. Reload the page to see its result.");
            break;
          }
          const state = (await poll.json()) as SubmissionState;
          setCurrent(state);
          if (state.status === "graded" || state.status === "error") break;
          await sleep(POLL_MS);
        }
        return payload.id;
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
        return null;
      } finally {
        setBusy(false);
      }
    },
    [endpoint],
  );

  return { current, error, busy, send };
}
