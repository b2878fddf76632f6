"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { examEndpoint, postExamRequest } from "./exam-request";

/** Ends the timed work early (after a confirmation): what is in the editors is submitted. */
export function FinishExamButton({ courseSlug, assessmentId }: { courseSlug: string; assessmentId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refreshing, startRefresh] = useTransition();

  async function finish() {
    if (sending || refreshing) return;
    if (!window.confirm("Finish now? Your saved work is submitted and you cannot change it afterwards.")) return;
    setSending(true);
    const result = await postExamRequest(examEndpoint(courseSlug, assessmentId), { action: "finish" });
    setSending(false);
    if (!result.ok) return setError(result.error);
    // The server waits for a Run or Submit of yours still being graded before it takes your last draft.
    if (result.state.status === "in_progress") return setError("A Run or Submit of yours is still being graded: finish again in a few seconds.");
    setError(null);
    startRefresh(() => router.refresh());
  }

  return (
    <div className="exam-finish">
      <button type="button" className="button" onClick={() => void finish()} aria-disabled={sending || refreshing}>
        Finish and submit
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
