import { z } from "zod";
import { hasControlCharacter } from "../http/safe-text";
import { EmailSchema } from "../users/users";

// Every rule that creating the account would enforce is checked here, before anything is created.
export const RosterRowSchema = z.object({
  email: z.string().refine((text) => !hasControlCharacter(text), "contains a control character").pipe(EmailSchema),
  name: z
    .string()
    .trim()
    .min(1, "name is empty")
    .max(200, "name is longer than 200 characters")
    .refine((text) => !hasControlCharacter(text), "contains a control character"),
});
export type RosterRow = z.infer<typeof RosterRowSchema>;

export interface RosterParseResult {
  rows: Array<RosterRow & { line: number }>;
  errors: Array<{ line: number; message: string }>;
}

const MAX_ROWS = 5000;

/**
 * Reads a roster CSV (columns email,name in any order when a header names them; otherwise email
 * first). Every bad row is reported with its line and the good rows are kept.
 */
export function parseRosterCsv(text: string): RosterParseResult {
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  const result: RosterParseResult = { rows: [], errors: [] };
  if (records.length === 0) return { rows: [], errors: [{ line: 1, message: "The file is empty." }] };

  let columns = { email: 0, name: 1 };
  const header = records[0]!.fields.map((field) => field.trim().toLowerCase());
  if (header.includes("email")) {
    columns = { email: header.indexOf("email"), name: header.indexOf("name") };
    records.shift();
  }
  const seen = new Set<string>();
  for (const record of records.slice(0, MAX_ROWS)) {
    if (record.fields.every((field) => field.trim() === "")) continue;
    const parsed = RosterRowSchema.safeParse({ email: record.fields[columns.email] ?? "", name: record.fields[columns.name] ?? "" });
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      result.errors.push({ line: record.line, message });
    } else if (seen.has(parsed.data.email)) {
      result.errors.push({ line: record.line, message: `email: ${parsed.data.email} appears more than once` });
    } else {
      seen.add(parsed.data.email);
      result.rows.push({ ...parsed.data, line: record.line });
    }
  }
  if (records.length > MAX_ROWS) {
    result.errors.push({ line: records[MAX_ROWS]!.line, message: `Only the first ${MAX_ROWS} rows are read.` });
  }
  return result;
}

/** RFC 4180 records with the line each starts on: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
