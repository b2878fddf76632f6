import { describe, expect, it } from "vitest";
import { parseCsv, parseRosterCsv } from "@/lib/courses/roster-csv";

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, commas and newlines inside quotes, CRLF and a missing final newline", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"multi\nline",x')).toEqual([
      { line: 1, fields: ["a", "b, c", 'say "hi"'] },
      { line: 2, fields: ["multi\nline", "x"] },
    ]);
  });
});

describe("parseRosterCsv", () => {
  it("reads a header in any column order, normalises emails and keeps good rows beside bad ones", () => {
    const csv = "\uFEFFName,Email\nAda Lovelace, ADA@Example.org \nNo Email,\n,bob@example.org\nCarol,carol@example\nDan,dan@example.org\n";
    const result = parseRosterCsv(csv);
    expect(result.rows).toEqual([
      { line: 2, email: "ada@example.org", name: "Ada Lovelace" },
      { line: 6, email: "dan@example.org", name: "Dan" },
    ]);
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5]);
    expect(result.errors[0]!.message).toMatch(/^email:/);
    expect(result.errors[1]!.message).toMatch(/^name:/);
  });

  it("takes email,name without a header, skips blank lines and reports duplicates", () => {
    const result = parseRosterCsv("a@example.org,A\n\nb@example.org,B\nA@example.org,A again\n");
    expect(result.rows.map((row) => row.email)).toEqual(["a@example.org", "b@example.org"]);
    expect(result.errors).toEqual([{ line: 4, message: "email: a@example.org appears more than once" }]);
  });

  it("says so when the file is empty", () => {
    expect(parseRosterCsv("").errors).toEqual([{ line: 1, message: "The file is empty." }]);
  });
});
