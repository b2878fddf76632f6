import { describe, expect, it } from "vitest";
import { diagnosticsOf, diagnosticsOfOutcome } from "@/lib/submissions/diagnostics";

describe("diagnosticsOf", () => {
  it("finds the line and column the grader names", () => {
    expect(diagnosticsOf("Syntax error at line 3, column 14: ';' expected.")).toEqual([
      { line: 3, column: 14, message: "Syntax error at line 3, column 14: ';' expected." },
    ]);
    expect(diagnosticsOf("TypeError: x is undefined (line 7)")).toEqual([{ line: 7, column: undefined, message: "TypeError: x is undefined (line 7)" }]);
  });

  it("takes a runtime error's trailing position over a line the thrown message mentions", () => {
    const message = "threw Error: bad input on line 99 (line 4, column 11)";
    expect(diagnosticsOf(message)).toEqual([{ line: 4, column: 11, message }]);
  });

  it("marks nothing when no line is named", () => {
    expect(diagnosticsOf("missing export: softmax")).toEqual([]);
    expect(diagnosticsOf(null)).toEqual([]);
    expect(diagnosticsOf("baseline 4")).toEqual([]);
  });
});

describe("diagnosticsOfOutcome", () => {
  it("marks the lines that tests threw on, once per line, with the first test's message", () => {
    const outcome = {
      message: null,
      tests: [
        { name: "example: oneHot([0], 2)", message: "threw TypeError: row is undefined (line 5, column 3)" },
        { name: "passes", message: "" },
        { name: "hidden: many labels", message: "threw TypeError (line 5, column 3)" },
        { name: "hidden: throws on -1", message: "threw RangeError: nope (line 2, column 9)" },
        { name: "hidden: one class", message: "threw TypeError (line 5, column 3)" },
        { name: "hidden: wrong value", message: "expected 1, got 0 at [0][1]" },
      ],
    };
    expect(diagnosticsOfOutcome(outcome)).toEqual([
      {
        line: 5,
        column: 3,
        message: "example: oneHot([0], 2): threw TypeError: row is undefined (line 5, column 3)\n(and 2 more tests on this line)",
      },
      { line: 2, column: 9, message: "hidden: throws on -1: threw RangeError: nope (line 2, column 9)" },
    ]);
    const twice = { message: null, tests: [outcome.tests[0]!, outcome.tests[2]!] };
    expect(diagnosticsOfOutcome(twice)[0]!.message).toMatch(/\(and 1 more test on this line\)$/);
  });

  it("puts a compile error first", () => {
    const outcome = { message: "Syntax error at line 8, column 1: '}' expected.", tests: [] };
    expect(diagnosticsOfOutcome(outcome)).toEqual([{ line: 8, column: 1, message: "Syntax error at line 8, column 1: '}' expected." }]);
    expect(diagnosticsOfOutcome(null)).toEqual([]);
  });
});
