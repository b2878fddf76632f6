"use client";

import type { DraftCheck } from "@/lib/authoring/types";

/** The last check of the draft: whether it may be published, each check item, and every problem by file and field. */
export function CheckPanel({ check, stale }: { check: DraftCheck | null; stale: boolean }) {
  return (
    <section className="card check-panel" aria-labelledby="check-panel-title" data-testid="check-panel" data-ok={check ? String(check.ok) : "none"}>
      <h2 id="check-panel-title">Check</h2>
      {check === null ? (
        <p className="muted">Not checked yet: Save checks the draft.</p>
      ) : (
        <>
          <p role="status" className={check.ok ? "success" : "error"}>
            {check.ok ? "The check passed." : "The check failed."} <span className="muted small">Version {check.version.slice(0, 12)}</span>
          </p>
          {stale ? <p className="hint">The editor has changes since this check: Save to check them.</p> : null}
          {check.items.length > 0 ? (
            <ul className="check-items">
              {check.items.map((item) => (
                <li key={item.key} data-check={item.key} className={item.ok ? "passed" : "failed"}>
                  <span aria-hidden="true">{item.ok ? "✓" : "✗"}</span> <span className="visually-hidden">{item.ok ? "Passed:" : "Failed:"}</span> {item.text}
                </li>
              ))}
            </ul>
          ) : null}
          {check.problems.length > 0 ? (
            <div className="table-wrap">
              <table className="data-table stackable" data-testid="check-problems">
                <caption className="visually-hidden">Problems of the draft</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Field</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {check.problems.map((problem, index) => (
                    <tr key={index} className={problem.severity}>
                      <td data-label="File">
                        <code>{problem.file || "—"}</code>
                      </td>
                      <td data-label="Field">{problem.field ? <code>{problem.field}</code> : "—"}</td>
                      <td data-label="Problem">
                        {problem.severity === "warning" ? <span className="badge">warning</span> : null} {problem.message}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
