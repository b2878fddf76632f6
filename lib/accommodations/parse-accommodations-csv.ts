import { parseCsv } from "../courses/roster-csv";
import { fromZonedInput } from "../courses/zoned-time";
import { hasControlCharacter } from "../http/safe-text";
import { EmailSchema } from "../users/users";
import { ACCOMMODATIONS_CSV_COLUMNS, ALL_ASSESSMENTS, MAX_ACCOMMODATIONS_CSV_ROWS, type AccommodationsCsvColumn } from "./csv-limits";
import { GRANT_LIMITS } from "./schemas";

/** One row of the file, every field read; the student and assessment are still names to look up. */
export interface AccommodationCsvRow {
  /** The row's number in the file as a spreadsheet counts it (the header is row 1). */
  row: number;
  email: string;
  /** A title or an id, or null for every assessment ("*"). */
  assessment: string | null;
  dueAt: Date | null;
  extraAttempts: number;
  waiveLatePenalty: boolean;
  timeMultiplier: number | null;
  note: string;
}

export interface CsvRowError {
  row: number;
  message: string;
}

/** A row that failed, with its student and assessment when those fields were readable (to look them up too). */
export interface RejectedCsvRow extends CsvRowError {
  email?: string;
  assessment?: string | null;
}

export interface AccommodationsCsvParse {
  rows: AccommodationCsvRow[];
  errors: RejectedCsvRow[];
}

/** A field read, or why it could not be. */
type Field<T> = { value: T } | { error: string };
const ok = <T>(value: T): Field<T> => ({ value });
const bad = (error: string): { error: string } => ({ error });

const YES = new Set(["yes", "y", "true", "1", "x"]);
const NO = new Set(["", "no", "n", "false", "0"]);
const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads an accommodations CSV: `email, assessment, due, extra_attempts` and optionally `waive_late,
 * time_multiplier, note`, in that order or in any order a header row names. Dates are on the course's
 * wall clock (`2026-12-10 18:00`). Every field of every row is checked, and each problem reported with
 * its row and the value that caused it.
 */
export function parseAccommodationsCsv(text: string, timeZone: string): AccommodationsCsvParse {
  const records = parseCsv(text.replace(/^\uFEFF/, "")).filter((record) => !record.fields.every((field) => field.trim() === ""));
  if (records.length === 0) return { rows: [], errors: [{ row: 1, message: "the file is empty" }] };
  const errors: RejectedCsvRow[] = [];
  let columns: Partial<Record<AccommodationsCsvColumn, number>> = Object.fromEntries(ACCOMMODATIONS_CSV_COLUMNS.map((name, index) => [name, index]));
  const header = records[0]!.fields.map((field) => field.trim().toLowerCase());
  if (header.includes("email")) {
    const headerRow = records.shift()!.line;
    columns = {};
    header.forEach((name, index) => {
      if ((ACCOMMODATIONS_CSV_COLUMNS as readonly string[]).includes(name)) columns[name as AccommodationsCsvColumn] = index;
      else if (name !== "") errors.push({ row: headerRow, message: `unknown column "${name}" (the columns are ${ACCOMMODATIONS_CSV_COLUMNS.join(", ")})` });
    });
    if (columns.assessment === undefined) errors.push({ row: headerRow, message: 'no "assessment" column' });
  }
  if (records.length > MAX_ACCOMMODATIONS_CSV_ROWS) {
    return { rows: [], errors: [{ row: records[MAX_ACCOMMODATIONS_CSV_ROWS]!.line, message: `the file has more than ${MAX_ACCOMMODATIONS_CSV_ROWS} rows: split it` }] };
  }
  const rows: AccommodationCsvRow[] = [];
  for (const record of records) {
    const field = (name: AccommodationsCsvColumn) => (columns[name] === undefined ? "" : (record.fields[columns[name]!] ?? "").trim());
    const problems: string[] = [];
    const read = <T>(name: AccommodationsCsvColumn, parse: (value: string) => Field<T>): T | undefined => {
      const result = parse(field(name));
      if ("error" in result) {
        problems.push(`${name}: ${result.error}`);
        return undefined;
      }
      return result.value;
    };
    const email = read("email", parseEmail);
    const assessment = read("assessment", (value): Field<string | null> =>
      value === "" ? bad(`empty (an assessment's title or id, or ${ALL_ASSESSMENTS} for all)`) : ok(value === ALL_ASSESSMENTS ? null : value),
    );
    const dueAt = read("due", (value) => parseDue(value, timeZone));
    const extraAttempts = read("extra_attempts", parseExtraAttempts);
    const waiveLatePenalty = read("waive_late", (value) => (YES.has(value.toLowerCase()) ? ok(true) : NO.has(value.toLowerCase()) ? ok(false) : bad(`"${value}" is not yes or no`)));
    const timeMultiplier = read("time_multiplier", parseMultiplier);
    const note = read("note", (value) =>
      value.length > GRANT_LIMITS.note ? bad(`longer than ${GRANT_LIMITS.note} characters`) : hasControlCharacter(value) ? bad("contains a control character") : ok(value),
    );
    if (problems.length === 0) {
      const parsed = { row: record.line, email: email!, assessment: assessment!, dueAt: dueAt!, extraAttempts: extraAttempts!, waiveLatePenalty: waiveLatePenalty!, timeMultiplier: timeMultiplier!, note: note! };
      if (parsed.dueAt !== null && parsed.assessment === null) problems.push(`due: a due date is extended on one assessment, not on ${ALL_ASSESSMENTS}`);
      else if (parsed.dueAt === null && parsed.extraAttempts === 0 && !parsed.waiveLatePenalty && (parsed.timeMultiplier ?? 1) === 1) {
        problems.push("grants nothing: give a due date, extra attempts, waive_late or a time_multiplier above 1");
      } else rows.push(parsed);
    }
    if (problems.length > 0) errors.push({ row: record.line, message: problems.join("; "), email, assessment });
  }
  return { rows, errors };
}

function parseEmail(value: string): Field<string> {
  if (value === "") return bad("empty");
  if (hasControlCharacter(value)) return bad("contains a control character");
  const parsed = EmailSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : bad(`"${value}" is not an email address`);
}

function parseDue(value: string, timeZone: string): Field<Date | null> {
  if (value === "") return ok(null);
  const match = LOCAL.exec(value);
  if (!match) return bad(`"${value}" is not a date (write it as 2026-12-10 18:00, on the course's clock: ${timeZone})`);
  const [, date, hour, minute, second] = match;
  try {
    return ok(fromZonedInput(`${date}T${hour!.padStart(2, "0")}:${minute}${second ? `:${second}` : ""}`, timeZone));
  } catch (error) {
    return bad(`"${value}": ${error instanceof RangeError ? error.message : "is not a date"}`);
  }
}

function parseExtraAttempts(value: string): Field<number> {
  if (value === "") return ok(0);
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) && number <= GRANT_LIMITS.extraAttempts ? ok(number) : bad(`"${value}" is not a whole number from 0 to ${GRANT_LIMITS.extraAttempts}`);
}

function parseMultiplier(value: string): Field<number | null> {
  if (value === "") return ok(null);
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return number >= 1 && number <= GRANT_LIMITS.timeMultiplier ? ok(Math.round(number * 100) / 100) : bad(`"${value}" is not a number from 1 to ${GRANT_LIMITS.timeMultiplier}`);
}
