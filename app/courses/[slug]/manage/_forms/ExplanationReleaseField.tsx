"use client";

import { useState } from "react";

interface Props {
  initial: string;
  disabled: boolean;
  errors?: string[] | undefined;
}

/** When a quiz's explanations reach students. Controlled, so it keeps the chosen value across a save. */
export function ExplanationReleaseField({ initial, disabled, errors }: Props) {
  const [value, setValue] = useState(initial);
  return (
    <div className="field">
      <label htmlFor="field-explanationRelease">Quiz explanations</label>
      <select
        id="field-explanationRelease"
        name="explanationRelease"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        disabled={disabled}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? "hint-explanationRelease error-explanationRelease" : "hint-explanationRelease"}
      >
        <option value="default">default: after each attempt when attempts are unlimited, otherwise as below</option>
        <option value="after_attempt">after each attempt</option>
        <option value="after_close">after the due date (or late cut-off) or the student&apos;s last attempt</option>
      </select>
      <p className="field-hint" id="hint-explanationRelease">
        Explanations show the answer, so students with attempts left can use them to retry.
      </p>
      {errors ? (
        <p className="field-error" id="error-explanationRelease">
          {errors.join("; ")}
        </p>
      ) : null}
    </div>
  );
}
