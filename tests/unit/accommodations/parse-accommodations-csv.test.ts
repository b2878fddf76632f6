import { describe, expect, it } from "vitest";
import { parseAccommodationsCsv } from "@/lib/accommodations/parse-accommodations-csv";
import { describeGrant } from "@/lib/accommodations/describe";

describe("parseAccommodationsCsv", () => {
  it("reads quoted fields, CRLF, a byte-order mark, columns in any order and blank lines", () => {
    const text = '\uFEFFnote,EMAIL,due,assessment,time_multiplier,waive_late\r\n"letter, 2026",Ada@Example.org,2026-12-10 9:05,"Homework ""3""",1.25,Yes\r\n\r\n,bob@example.org,,*,,y\r\n';
    const { rows, errors } = parseAccommodationsCsv(text, "Europe/Berlin");
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, email: "ada@example.org", assessment: 'Homework "3"', dueAt: new Date("2026-12-10T08:05:00Z"), extraAttempts: 0, waiveLatePenalty: true, timeMultiplier: 1.25, note: "letter, 2026" },
      { row: 4, email: "bob@example.org", assessment: null, dueAt: null, extraAttempts: 0, waiveLatePenalty: true, timeMultiplier: null, note: "" },
    ]);
  });

  it("reads the columns in their order without a header, and a summer date in the zone's summer offset", () => {
    const { rows } = parseAccommodationsCsv("ada@example.org,Quiz,2026-07-01T18:00,2\n", "Europe/Berlin");
    expect(rows[0]).toMatchObject({ row: 1, assessment: "Quiz", dueAt: new Date("2026-07-01T16:00:00Z"), extraAttempts: 2 });
  });

  it("names each bad field with the value that caused it", () => {
    const { rows, errors } = parseAccommodationsCsv("email,assessment,due,extra_attempts,time_multiplier\n,Quiz,31.12.2026,2.5,11\nada@example.org,,2026-02-30 10:00,,\n", "UTC");
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        row: 2,
        message:
          'email: empty; due: "31.12.2026" is not a date (write it as 2026-12-10 18:00, on the course\'s clock: UTC); extra_attempts: "2.5" is not a whole number from 0 to 100; time_multiplier: "11" is not a number from 1 to 10',
        email: undefined,
        assessment: "Quiz",
      },
      { row: 3, message: 'assessment: empty (an assessment\'s title or id, or * for all); due: "2026-02-30 10:00": 2026-02-30T10:00 is not a real date and time', email: "ada@example.org", assessment: undefined },
    ]);
  });

  it("refuses a file longer than the row limit whole", () => {
    const text = Array.from({ length: 5001 }, (_, i) => `s${i}@example.org,*,,1`).join("\n");
    expect(parseAccommodationsCsv(text, "UTC")).toEqual({ rows: [], errors: [{ row: 5001, message: "the file has more than 5000 rows: split it" }] });
  });
});

describe("describeGrant", () => {
  it("ties the first part to where it applies", () => {
    const terms = { dueAt: new Date("2026-12-10T17:00:00Z"), extraAttempts: 1, waiveLatePenalty: false, timeMultiplier: null };
    expect(describeGrant("Ada Lovelace", "Homework 3", terms, "Europe/Berlin")).toBe("Ada Lovelace: due 2026-12-10 18:00 on Homework 3, +1 attempt");
    expect(describeGrant('group "extra time"', "all assessments", { dueAt: null, extraAttempts: 2, waiveLatePenalty: true, timeMultiplier: "1.50" }, "UTC")).toBe(
      'group "extra time": +2 attempts on all assessments, late penalty waived, ×1.5 time',
    );
  });
});
