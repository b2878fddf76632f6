/** A value for one CSV cell: numbers are written as numbers, text is quoted and defused. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, RFC 4180: quoted when it holds a comma, semicolon, tab, quote, CR or LF, quotes doubled. Text that a
 * spreadsheet would run as a formula gets a leading `'`. Numbers we write ourselves are not text and
 * keep their sign (-2.5 stays a number); a non-finite number becomes an empty cell.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  // `;` and tab too: spreadsheets in many locales split on them, which could start a formula mid-cell.
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to a CSV document with CRLF line breaks (RFC 4180), ending with a line break. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The HTTP response for a CSV download (with a UTF-8 byte-order mark so that spreadsheets read accents right). */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
