"use client";

/**
 * Reports focus lost and back during timed work to the exam log. Placeholder: the exam-session branch
 * (S) replaces this file with the real reporter; the countdown banner already mounts it.
 */
export function ExamFocusReporter(_props: { courseSlug: string; assessmentId: string }) {
  return null;
}
