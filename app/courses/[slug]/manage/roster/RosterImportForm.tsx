"use client";

import { useActionState, useState, type FormEvent } from "react";
import { MAX_ROSTER_BYTES } from "@/lib/courses/roster-limits";
import { FormStatus } from "../_forms/ActionForm";
import { importRosterAction } from "./actions";

export function RosterImportForm({ slug }: { slug: string }) {
  const [state, formAction, pending] = useActionState(importRosterAction, null);
  const report = state?.ok ? state.data : null;
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  // A file over the server's limit is not sent at all: past 1 MB the request itself would be refused.
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get("roster");
    if (file instanceof File && file.size > MAX_ROSTER_BYTES) {
      event.preventDefault();
      setTooLarge(`The roster file is ${Math.ceil(file.size / 1024)} KB; the limit is ${MAX_ROSTER_BYTES / 1024} KB. Split it and import each part.`);
    } else {
      setTooLarge(null);
    }
  }
  return (
    <>
      <form action={formAction} onSubmit={checkSize} className="stack">
        <input type="hidden" name="slug" value={slug} />
        <label>
          Roster CSV
          <input type="file" name="roster" accept=".csv,text/csv" required aria-describedby="roster-hint" />
        </label>
        <p id="roster-hint" className="field-hint">
          One student per row: <code>email,name</code> (a header row naming the columns is optional). Every row is
          checked first: bad rows are listed below with their line, and the good rows are imported together, each new
          account&apos;s one-time password shown.
        </p>
        <div className="form-actions">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Importing…" : "Import roster"}
          </button>
        </div>
        {tooLarge ? (
          <p className="error" role="alert">
            {tooLarge}
          </p>
        ) : (
          <FormStatus state={state} labels={{ roster: "Roster CSV" }} />
        )}
      </form>
      {report ? (
        <section className="import-report" aria-label="Import result" data-testid="import-report">
          {report.created.length > 0 ? (
            <div className="notice">
              <h3>New accounts: initial passwords</h3>
              <p className="small">
                Shown this once and stored only as hashes: copy them now and hand each to its student, who signs in with
                their email and this password.
              </p>
              <div className="table-wrap">
                <table className="data-table" data-testid="initial-passwords">
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Name</th>
                      <th scope="col">Initial password</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.created.map((account) => (
                      <tr key={account.email}>
                        <td>{account.email}</td>
                        <td>{account.name}</td>
                        <td>
                          <span className="secret">{account.initialPassword}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : null}
          {report.errors.length > 0 ? (
            <div>
              <h3>Rows not imported ({report.errors.length})</h3>
              <ul className="error" data-testid="row-errors">
                {report.errors.map((error) => (
                  <li key={`${error.line}-${error.message}`}>
                    Line {error.line}: {error.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <h3>Enrolled now ({report.enrolled.length})</h3>
            {report.enrolled.length > 0 ? (
              <ul data-testid="enrolled">
                {report.enrolled.map((row) => (
                  <li key={row.email}>
                    Line {row.line}: {row.name} &lt;{row.email}&gt;
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">Nobody new.</p>
            )}
          </div>
          {report.alreadyMembers.length > 0 ? (
            <p className="small muted">Already members, left as they were: {report.alreadyMembers.join(", ")}</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
