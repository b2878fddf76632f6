"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { examEndpoint, postExamRequest } from "./exam-request";

interface Props {
  courseSlug: string;
  assessmentId: string;
  /** The assessment asks for an access code (never the code itself). */
  needsCode: boolean;
}

/** "Start now", with the access code when the assessment has one; the page reloads into the running exam. */
export function StartExamForm({ courseSlug, assessmentId, needsCode }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending || refreshing) return;
    const accessCode = needsCode ? String(new FormData(event.currentTarget).get("accessCode") ?? "") : undefined;
    setSending(true);
    const result = await postExamRequest(examEndpoint(courseSlug, assessmentId), { action: "start", ...(accessCode === undefined ? {} : { accessCode }) });
    setSending(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    startRefresh(() => router.refresh());
  }

  return (
    <form className="exam-start" onSubmit={(event) => void onSubmit(event)}>
      {needsCode ? (
        <label>
          Access code
          <input name="accessCode" autoComplete="off" required maxLength={64} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} />
        </label>
      ) : null}
      <button type="submit" className="button" aria-disabled={sending || refreshing}>
        Start now
      </button>
      {error ? (
        <p className="error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
    </form>
  );
}
