"use client";

import { useEffect } from "react";
import { watchExamFocus } from "./exam-focus-watch";

type Props = { courseSlug: string; assessmentId: string };

/**
 * During timed work: tells the server when the browser reports that the exam lost focus (another tab or
 * window, the page hidden) and when it came back, for the staff's exam log. Renders nothing. When the
 * server no longer serves this session (a newer sign-in elsewhere), coming back reloads the page, which
 * then explains it on the sign-in page.
 */
export function ExamFocusReporter({ courseSlug, assessmentId }: Props) {
  useEffect(() => {
    const url = `/api/courses/${encodeURIComponent(courseSlug)}/assessments/${encodeURIComponent(assessmentId)}/exam-events`;
    return watchExamFocus({
      document,
      window,
      now: () => Date.now(),
      // keepalive: a report sent as the tab goes away still arrives.
      send: (report) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(report), keepalive: true, credentials: "same-origin" }).then(
          (response) => response.status,
          () => null,
        ),
      onSignedOut: () => window.location.reload(),
    });
  }, [courseSlug, assessmentId]);
  return null;
}
