"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { addDeploymentAction, deleteRegistrationAction } from "./actions";

/** Per registration: add a deployment ID, and delete (after confirming). */
export function PlatformControls({ platformId, label }: { platformId: string; label: string }) {
  const [added, addAction, adding] = useActionState(addDeploymentAction, null);
  const [removed, removeAction, removing] = useActionState(deleteRegistrationAction, null);
  return (
    <div className="stack">
      <form action={addAction} className="inline-form">
        <input type="hidden" name="platformId" value={platformId} />
        <label className="visually-hidden" htmlFor={`deployment-${platformId}`}>
          Deployment ID for {label}
        </label>
        <input id={`deployment-${platformId}`} name="deploymentId" required maxLength={500} placeholder="Deployment ID" />
        <button className="button" type="submit" disabled={adding}>
          Add deployment ID
        </button>
      </form>
      <FormStatus state={added} labels={{ deploymentId: "Deployment ID" }} />
      <details className="danger-zone">
        <summary>Delete…</summary>
        <form action={removeAction} className="stack">
          <input type="hidden" name="platformId" value={platformId} />
          <label className="choice">
            <input type="checkbox" name="confirm" value="yes" required /> Yes, delete {label}: its launches are refused and its links to accounts and
            LMS courses are removed
          </label>
          <div className="form-actions">
            <button className="button danger" type="submit" disabled={removing}>
              Delete registration
            </button>
          </div>
          <FormStatus state={removed} labels={{ confirm: "Confirmation" }} />
        </form>
      </details>
    </div>
  );
}
