import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "@/lib/submissions/diagnostics";

describe("diagnosticsOf", () => {
  it("finds the line and column the grader names", () => {
    expect(diagnosticsOf("Syntax error at line 3, column 14: ';' expected.")).toEqual([
      { line: 3, column: 14, message: "Syntax error at line 3, column 14: ';' expected." },
    ]);
    expect(diagnosticsOf("TypeError: x is undefined (line 7)")).toEqual([{ line: 7, column: undefined, message: "TypeError: x is undefined (line 7)" }]);
  });

  it("marks nothing when no line is named", () => {
    expect(diagnosticsOf("missing export: softmax")).toEqual([]);
    expect(diagnosticsOf(null)).toEqual([]);
    expect(diagnosticsOf("baseline 4")).toEqual([]);
  });
});
