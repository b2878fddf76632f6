"use client";

import { useActionState, useState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { createRegistrationUrlAction } from "./actions";

/** "Create registration URL": the one-time URL is shown once, with its expiry and a copy button. */
export function RegistrationUrlForm({ defaultHours }: { defaultHours: number }) {
  const [state, formAction, pending] = useActionState(createRegistrationUrlAction, null);
  const [copied, setCopied] = useState<string | null>(null);
  const created = state?.ok ? state.data : null;
  return (
    <form action={formAction} className="stack">
      <label>
        Valid for (hours)
        <input name="hours" type="number" min={1} max={720} step={1} defaultValue={defaultHours} required />
      </label>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create registration URL"}
        </button>
      </div>
      <FormStatus state={state} labels={{ hours: "Valid for (hours)" }} />
      {created ? (
        <div className="notice" data-testid="registration-url">
          <p>
            <span className="secret lti-url">{created.url}</span>
          </p>
          <p>
            Works once, until {new Date(created.expiresAt).toLocaleString()}. It is shown only now: paste it into the LMS&apos;s dynamic registration
            (Moodle: &quot;Tool URL&quot; then &quot;Add LTI Advantage&quot;).
          </p>
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard.writeText(created.url).then(() => setCopied(created.url), () => setCopied(null))}
          >
            {copied === created.url ? "Copied" : "Copy URL"}
          </button>
        </div>
      ) : null}
    </form>
  );
}
