"use client";

import { useEffect } from "react";

type Props = { courseSlug: string; assessmentId: string };

/**
 * During timed work: tells the server when the browser reports that the exam lost focus (another tab or
 * window, the page hidden) and when it came back, for the staff's exam log. Renders nothing. Leaving by
 * reload or navigation is not reported. When the server no longer serves this session (a newer sign-in
 * elsewhere), coming back reloads the page, which then explains it on the sign-in page.
 */
export function ExamFocusReporter({ courseSlug, assessmentId }: Props) {
  useEffect(() => {
    const url = `/api/courses/${encodeURIComponent(courseSlug)}/assessments/${encodeURIComponent(assessmentId)}/exam-events`;
    let awaySince: number | null = null;
    let unloading = false;

    const send = (body: { kind: "focus_lost" } | { kind: "focus_back"; awayMs: number }) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), keepalive: true, credentials: "same-origin" }).catch(
        () => null,
      );

    const lost = () => {
      if (unloading || awaySince !== null) return;
      awaySince = Date.now();
      void send({ kind: "focus_lost" });
    };
    const back = () => {
      if (awaySince === null || document.visibilityState !== "visible") return;
      const awayMs = Math.max(0, Date.now() - awaySince);
      awaySince = null;
      void send({ kind: "focus_back", awayMs }).then((response) => {
        if (response?.status === 401) window.location.reload();
      });
    };
    const onVisibility = () => (document.visibilityState === "hidden" ? lost() : back());
    const onPageHide = () => {
      unloading = true;
    };
    const onPageShow = () => {
      unloading = false;
    };

    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("blur", lost);
    window.addEventListener("focus", back);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("blur", lost);
      window.removeEventListener("focus", back);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, [courseSlug, assessmentId]);
  return null;
}
