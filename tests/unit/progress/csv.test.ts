import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "@/lib/progress/csv";
import { parseCsv } from "@/lib/courses/roster-csv";

describe("CSV writer", () => {
  it("quotes per RFC 4180 only where needed, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("\"'\t=1\"");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
    // Only the first character matters: the same characters later are harmless.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Ann-Marie")).toBe("Ann-Marie");
  });

  it("writes numbers it produces as numbers, negative ones included, and text that looks negative as text", () => {
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(6.25)).toBe("6.25");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvCell("-2.5")).toBe("'-2.5");
  });

  it("quotes cells holding a semicolon or tab, so a spreadsheet splitting on them cannot start a formula mid-cell", () => {
    expect(csvCell('Bob;=HYPERLINK("http://x","y")')).toBe('"Bob;=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell("a\t=1+1")).toBe('"a\t=1+1"');
    expect(csvCell("plain name")).toBe("plain name");
  });

  it("writes dates as ISO 8601 and booleans as yes/no", () => {
    expect(csvCell(new Date("2026-03-10T12:00:00Z"))).toBe("2026-03-10T12:00:00.000Z");
    expect(csvCell(true)).toBe("yes");
    expect(csvCell(false)).toBe("no");
  });

  it("joins rows with CRLF and round-trips through a CSV parser", () => {
    const rows = [
      ["email", "name", "adam (10)"],
      ["ann@x.test", 'Ann "the hacker", =1+1', 6],
      ["bob@x.test", "Bob\nSmith", null],
    ];
    const text = toCsv(rows);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")[0]).toBe("email,name,adam (10)");
    expect(parseCsv(text).map((row) => row.fields)).toEqual([
      ["email", "name", "adam (10)"],
      ["ann@x.test", 'Ann "the hacker", =1+1', "6"],
      ["bob@x.test", "Bob\nSmith", ""],
    ]);
  });

  it("serves a download: CSV content type, attachment with a safe file name", async () => {
    const response = csvResponse("a,b\r\n", 'course"; evil.csv');
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="course___evil.csv"');
    // A UTF-8 byte-order mark first, so that spreadsheets read accented names right.
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a,b\r\n")]);
  });
});
