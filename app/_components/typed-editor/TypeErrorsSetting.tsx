"use client";

import type { TypesStatus } from "./options";

interface Props {
  show: boolean;
  onChange: (show: boolean) => void;
  status: TypesStatus;
}

/** The "Show type errors" checkbox under a code exercise's editor, and a quiet note when type hints cannot load. */
export function TypeErrorsSetting({ show, onChange, status }: Props) {
  return (
    <div className="type-errors-setting">
      <label>
        <input type="checkbox" checked={show} onChange={(event) => onChange(event.target.checked)} data-testid="show-type-errors" />
        Show type errors
      </label>
      <span className="muted small" role="status">
        {status === "unavailable" ? "Type hints could not load here; Run and Submit work as usual." : ""}
      </span>
    </div>
  );
}
