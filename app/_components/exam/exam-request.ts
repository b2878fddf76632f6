"use client";

import type { ExamStateJson } from "@/lib/exams/state";

/** Posts one request to the student's exam endpoint; the refusal's message, or the new state. */
export async function postExamRequest(endpoint: string, body: object): Promise<{ ok: true; state: ExamStateJson } | { ok: false; error: string }> {
  try {
    const response = await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const payload = (await response.json().catch(() => ({}))) as ExamStateJson & { error?: string };
    if (!response.ok) return { ok: false, error: payload.error ?? `The server answered ${response.status}.` };
    return { ok: true, state: payload };
  } catch {
    return { ok: false, error: "The server could not be reached. Check your connection and try again." };
  }
}

export const examEndpoint = (courseSlug: string, assessmentId: string) =>
  `/api/courses/${encodeURIComponent(courseSlug)}/assessments/${encodeURIComponent(assessmentId)}/exam`;
