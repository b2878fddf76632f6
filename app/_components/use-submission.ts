"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { reasonOfRetryMessage, retryMessage } from "@/lib/rate-limit/retry-message";
import { followSubmission } from "./follow-submission";
import { useRetryCountdown, type SubmissionMode } from "./use-retry-countdown";

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
  /** Score and feedback held back until release: when they come. */
  held?: string;
}

/**
 * Sends a submission and follows it (queued → running → graded, pushed by the server: see
 * follow-submission.ts) until it is final. A refusal for too many requests is not an error:
 * `waitFor(mode)` counts its seconds down, and is null once it may be tried again; `refusal` is the
 * server's message as it came (for a screen reader, which should not hear every second).
 */
export function useSubmission(endpoint: string) {
  const [current, setCurrent] = useState<SubmissionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState<Record<SubmissionMode, string>>({ run: "", submit: "" });
  const [refusal, setRefusal] = useState<string | null>(null);
  const { secondsLeft, wait } = useRetryCountdown();
  // Aborted on unmount: ends the submission's event stream or long-poll.
  const lifetime = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    lifetime.current = controller;
    return () => controller.abort();
  }, []);

  const send = useCallback(
    async (body: unknown): Promise<string | null> => {
      setBusy(true);
      setError(null);
      setRefusal(null);
      const mode: SubmissionMode = (body as { mode?: unknown }).mode === "run" ? "run" : "submit";
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const payload = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
        const retryAfter = Number(response.headers.get("Retry-After"));
        if (response.status === 429 && retryAfter > 0) {
          setRefusals((current) => ({ ...current, [mode]: reasonOfRetryMessage(payload.error) }));
          setRefusal(payload.error ?? null);
          wait(mode, retryAfter);
          return null;
        }
        if (!response.ok || !payload.id) {
          setError(payload.error ?? `The submission was refused (${response.status}).`);
          return null;
        }
        setCurrent({ id: payload.id, status: "queued", verdict: null, score: null, message: null, console: null, mode, tests: [] });
        const { signal } = lifetime.current;
        const final = await followSubmission<SubmissionState>(payload.id, setCurrent, signal);
        if (!final && !signal.aborted) setError("Lost track of the submission. Reload the page to see its result.");
        return payload.id;
      } catch {
        if (lifetime.current.signal.aborted) return null;
        setError("Could not reach the server. Check your connection and try again.");
        return null;
      } finally {
        setBusy(false);
      }
    },
    [endpoint, wait],
  );

  const waitFor = (mode: SubmissionMode): string | null => {
    const seconds = secondsLeft(mode);
    return seconds > 0 ? retryMessage(refusals[mode], seconds) : null;
  };

  return { current, error, busy, send, waitFor, refusal: waitFor("run") || waitFor("submit") ? refusal : null };
}
