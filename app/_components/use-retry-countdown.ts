"use client";

import { useCallback, useEffect, useState } from "react";

export type SubmissionMode = "run" | "submit";

/**
 * After a 429, the seconds until Run (or Submit) may be tried again, ticking down once a second;
 * 0 when it may. Run and Submit are limited separately on the server, so they wait separately here.
 */
export function useRetryCountdown() {
  const [until, setUntil] = useState<Record<SubmissionMode, number>>({ run: 0, submit: 0 });
  const [now, setNow] = useState(() => Date.now());

  const wait = useCallback((mode: SubmissionMode, seconds: number) => {
    const start = Date.now();
    setNow(start);
    setUntil((current) => ({ ...current, [mode]: start + seconds * 1000 }));
  }, []);

  const latest = Math.max(until.run, until.submit);
  useEffect(() => {
    const left = latest - now;
    if (left <= 0) return;
    // Wake at the next whole second of the countdown, so that the number shown is never a second off.
    const timer = setTimeout(() => setNow(Date.now()), left % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [latest, now]);

  const secondsLeft = (mode: SubmissionMode) => Math.max(0, Math.ceil((until[mode] - now) / 1000));
  return { secondsLeft, wait };
}
