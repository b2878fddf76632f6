"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ExamStateJson } from "@/lib/exams/state";
import { ExamFocusReporter } from "../ExamFocusReporter";
import { clockText, warningAt } from "./clock-text";
import { runTimeUpHandlers } from "./time-up";

interface Props {
  courseSlug: string;
  assessmentId: string;
  /** The state as the server rendered it (with its `serverNow`). */
  initial: ExamStateJson;
}

/** Polls the state this often, so that a deadline changed by staff (more time, a shorter limit) shows. */
const POLL_MS = 30_000;
/** How many times the page asks the server to close the work at zero (every 2 s) before leaving it to the server's own job. */
const MAX_CLOSE_TRIES = 30;

export const TIME_UP_TEXT = "Time is up. Your work was submitted.";

interface Clock {
  status: ExamStateJson["status"];
  finishReason: ExamStateJson["finishReason"];
  deadlineMs: number | null;
  /** Server time minus this browser's time, ms. */
  offsetMs: number;
}

const clockOf = (state: ExamStateJson, offsetMs: number): Clock => ({
  status: state.status,
  finishReason: state.finishReason,
  deadlineMs: state.deadline ? Date.parse(state.deadline) : null,
  offsetMs,
});

/**
 * The countdown of timed work, on the server's clock: the browser's skew is corrected from each answer's
 * `serverNow`. At zero it saves what is on the page (useOnTimeUp), asks the server to close the work,
 * and shows that the work was submitted; the page then reloads read-only.
 */
export function ExamCountdown({ courseSlug, assessmentId, initial }: Props) {
  const endpoint = `/api/courses/${encodeURIComponent(courseSlug)}/assessments/${encodeURIComponent(assessmentId)}/exam`;
  const router = useRouter();
  const [clock, setClock] = useState<Clock>(() => clockOf(initial, 0));
  const [now, setNow] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const closing = useRef(false);
  // The editor's save and the quiz's Submit run once at zero; only the request to close is tried again.
  const handedIn = useRef(false);
  const closeTries = useRef(0);
  const previous = useRef<number | null>(null);
  const refreshed = useRef(false);

  const adopt = useCallback(
    (state: ExamStateJson, sentAt: number, receivedAt: number) => {
      // The server's now was read about halfway through the request.
      const offset = Date.parse(state.serverNow) - (sentAt + receivedAt) / 2;
      setClock(clockOf(state, offset));
      if (state.status === "finished" && !refreshed.current) {
        refreshed.current = true;
        router.refresh();
      }
    },
    [router],
  );

  const ask = useCallback(
    async (init?: RequestInit): Promise<ExamStateJson | null> => {
      const sentAt = Date.now();
      const response = await fetch(endpoint, { cache: "no-store", ...init });
      if (!response.ok) {
        const payload = (await response.json().catch(() => ({}))) as { error?: string };
        setProblem(payload.error ?? `The server answered ${response.status}.`);
        return null;
      }
      const state = (await response.json()) as ExamStateJson;
      setProblem(null);
      adopt(state, sentAt, Date.now());
      return state;
    },
    [adopt, endpoint],
  );

  useEffect(() => {
    // The first answer corrects this browser's clock at once; until then the page's own time is used.
    const first = setTimeout(() => {
      setNow(Date.now());
      void ask().catch(() => {});
    }, 0);
    const tick = setInterval(() => setNow(Date.now()), 500);
    const poll = setInterval(() => void ask().catch(() => {}), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [ask]);

  const remaining = clock.deadlineMs !== null && now !== null ? Math.max(0, clock.deadlineMs - (now + clock.offsetMs)) : null;

  useEffect(() => {
    if (remaining === null) return;
    const warning = previous.current === null ? null : warningAt(previous.current, remaining);
    previous.current = remaining;
    if (warning) setAnnouncement(warning);
    if (remaining > 0 || clock.status !== "in_progress" || closing.current) return;
    closing.current = true;
    void (async () => {
      if (!handedIn.current) {
        handedIn.current = true;
        await runTimeUpHandlers();
      }
      const state = await ask({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "time_up" }) }).catch(() => null);
      // The server's clock says not yet, a grading is still in flight, or the request failed: try again
      // shortly, for a minute at most (the server's own time-up job closes the work in any case).
      if (state?.status !== "finished" && ++closeTries.current < MAX_CLOSE_TRIES) setTimeout(() => (closing.current = false), 2000);
    })();
  }, [now, remaining, clock.status, ask]);

  const finished = clock.status === "finished";
  return (
    <div className={`exam-banner${finished ? " finished" : ""}`} data-testid="exam-banner">
      {finished ? (
        <p role="status">{clock.finishReason === "finished" ? "You finished this assessment. Your work was submitted." : TIME_UP_TEXT}</p>
      ) : (
        <p>
          <span className="exam-banner-label">Time left</span>{" "}
          <span role="timer" aria-label="Time left" className="exam-clock">
            {remaining === null ? "…" : clockText(remaining)}
          </span>
          {remaining === 0 ? <span className="muted small"> Submitting your work…</span> : null}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {problem ? <p className="error small">{problem}</p> : null}
      {finished ? null : <ExamFocusReporter courseSlug={courseSlug} assessmentId={assessmentId} />}
    </div>
  );
}
