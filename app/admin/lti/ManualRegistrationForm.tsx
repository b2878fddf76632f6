"use client";

import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { saveRegistrationAction } from "./actions";

const LABELS = {
  name: "Name",
  issuer: "Issuer",
  clientId: "Client ID",
  deploymentIds: "Deployment IDs",
  authLoginUrl: "Authorization (login) URL",
  authTokenUrl: "Token URL",
  jwksUrl: "JWKS URL",
  tokenAudience: "Token audience (optional)",
};

/** The manual registration form: what the LMS shows after the tool was added to it by hand. */
export function ManualRegistrationForm() {
  return (
    <ActionForm action={saveRegistrationAction} submitLabel="Save registration" labels={LABELS}>
      {(typed) => (
        <>
          <label>
            {LABELS.name}
            <input name="name" maxLength={120} defaultValue={typed?.name} placeholder="e.g. University Canvas" />
          </label>
          <label>
            {LABELS.issuer}
            <input name="issuer" required maxLength={500} defaultValue={typed?.issuer} aria-describedby="issuer-hint" />
          </label>
          <p id="issuer-hint" className="field-hint">
            Canvas: https://canvas.instructure.com; Moodle: its &quot;Platform ID&quot; (the site&apos;s address).
          </p>
          <label>
            {LABELS.clientId}
            <input name="clientId" required maxLength={500} defaultValue={typed?.clientId} />
          </label>
          <label>
            {LABELS.deploymentIds}
            <textarea name="deploymentIds" required rows={3} defaultValue={typed?.deploymentIds} aria-describedby="deployments-hint" />
          </label>
          <p id="deployments-hint" className="field-hint">
            One per line. Launches from any other deployment are refused.
          </p>
          <label>
            {LABELS.authLoginUrl}
            <input name="authLoginUrl" type="url" required defaultValue={typed?.authLoginUrl} />
          </label>
          <label>
            {LABELS.authTokenUrl}
            <input name="authTokenUrl" type="url" required defaultValue={typed?.authTokenUrl} />
          </label>
          <label>
            {LABELS.jwksUrl}
            <input name="jwksUrl" type="url" required defaultValue={typed?.jwksUrl} />
          </label>
          <label>
            {LABELS.tokenAudience}
            <input name="tokenAudience" maxLength={500} defaultValue={typed?.tokenAudience} aria-describedby="audience-hint" />
          </label>
          <p id="audience-hint" className="field-hint">
            Leave empty unless the LMS names one: the Token URL is then the audience of Tensorgrade&apos;s token requests.
          </p>
        </>
      )}
    </ActionForm>
  );
}
