import { describe, expect, it } from "vitest";
import { problemOf } from "@/lib/authoring/check-files";

describe("problemOf", () => {
  it("names the file and, in exercise.json, the field", () => {
    expect(problemOf("exercise.json: tests.3.compare.rtol: must be ≥ 0", "error")).toEqual({ severity: "error", file: "exercise.json", field: "tests.3.compare.rtol", message: "must be ≥ 0" });
    expect(problemOf("exercise.json: (root): expected an object", "error")).toMatchObject({ file: "exercise.json", field: "", message: "expected an object" });
    expect(problemOf("solution.ts: missing", "error")).toEqual({ severity: "error", file: "solution.ts", field: "", message: "missing" });
    expect(problemOf("prompt.md: math: unknown command \\foo", "warning")).toEqual({ severity: "warning", file: "prompt.md", field: "", message: "math: unknown command \\foo" });
  });

  it("keeps a line without a file as it is", () => {
    expect(problemOf("the archive holds two folders", "error")).toEqual({ severity: "error", file: "", field: "", message: "the archive holds two folders" });
  });
});
