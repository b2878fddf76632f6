"use client";

import { useActionState, useState, type FormEvent } from "react";
import { MAX_ACCOMMODATIONS_CSV_BYTES } from "@/lib/accommodations/csv-limits";
import { FormStatus } from "../_forms/ActionForm";
import { importAccommodationsAction } from "./actions";

export function AccommodationsImportForm({ slug, timeZoneLabel }: { slug: string; timeZoneLabel: string }) {
  const [state, formAction, pending] = useActionState(importAccommodationsAction, null);
  const report = state?.ok ? state.data : null;
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get("accommodations");
    if (file instanceof File && file.size > MAX_ACCOMMODATIONS_CSV_BYTES) {
      event.preventDefault();
      setTooLarge(`The file is ${Math.ceil(file.size / 1024)} KB; the limit is ${MAX_ACCOMMODATIONS_CSV_BYTES / 1024} KB. Split it and upload each part.`);
    } else {
      setTooLarge(null);
    }
  }
  return (
    <>
      <form action={formAction} onSubmit={checkSize} className="stack">
        <input type="hidden" name="slug" value={slug} />
        <label>
          Accommodations CSV
          <input type="file" name="accommodations" accept=".csv,text/csv" required aria-describedby="accommodations-csv-hint" />
        </label>
        <div id="accommodations-csv-hint" className="field-hint">
          <p>
            Columns <code>email,assessment,due,extra_attempts</code> and, if wanted, <code>waive_late,time_multiplier,note</code> (a header row
            may name them in any order). The assessment by its title or id, or <code>*</code> for all; <code>due</code> like{" "}
            <code>2026-12-10 18:00</code> on the course&apos;s clock ({timeZoneLabel}); <code>waive_late</code> yes or no.
          </p>
          <p>
            Each row sets that student&apos;s grant on that assessment to exactly what it says (an empty field is none). Every row is checked
            first: if any is wrong, nothing is granted and each problem is listed with its row.
          </p>
        </div>
        <div className="form-actions">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Checking…" : "Upload and grant"}
          </button>
        </div>
        {tooLarge ? (
          <p className="error" role="alert">
            {tooLarge}
          </p>
        ) : report && report.errors.length > 0 ? null : (
          <FormStatus state={state} labels={{ accommodations: "Accommodations CSV" }} />
        )}
      </form>
      {report && report.errors.length > 0 ? (
        <section className="import-report" aria-label="Import result" data-testid="accommodation-row-errors">
          <div className="error" role="alert">
            <p>{report.message}</p>
            <ul>
              {report.errors.map((error) => (
                <li key={`${error.row}-${error.message}`}>
                  Row {error.row}: {error.message}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      {report && report.applied.length > 0 ? (
        <section className="import-report" aria-label="Import result" data-testid="accommodation-rows-applied">
          <ul>
            {report.applied.map((row) => (
              <li key={row.row}>
                Row {row.row}: {row.action === "unchanged" ? "already so: " : ""}
                {row.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
