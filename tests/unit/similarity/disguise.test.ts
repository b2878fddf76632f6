import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/similarity/tokenize";
import { disguise, DISGUISES, exportedNames } from "@/tests/helpers/similarity-transform";

const LOOPS = readFileSync(path.resolve("tests/fixtures/grading/softmax/student-loops.js"), "utf8");
const KEEP = new Set(["softmax"]);

describe("the disguise transformer (labelled set and bench)", () => {
  it("is deterministic: the same code, disguises and seed give the same copy; another seed another", () => {
    expect(disguise(LOOPS, DISGUISES, 5, KEEP)).toBe(disguise(LOOPS, DISGUISES, 5, KEEP));
    expect(disguise(LOOPS, DISGUISES, 5, KEEP)).not.toBe(disguise(LOOPS, DISGUISES, 6, KEEP));
  });

  it("changes the text with every disguise, and keeps the exercise's exported names", () => {
    for (const d of DISGUISES) {
      const copy = disguise(LOOPS, [d], 3, KEEP);
      expect(copy, d).not.toBe(LOOPS);
      expect(copy, d).toContain("function softmax(");
    }
  });

  it("rewrites loops: for becomes while, for…of becomes forEach and back", () => {
    expect(disguise(LOOPS, ["loops"], 1)).not.toMatch(/\bfor \(/);
    expect(disguise("for (const x of xs) total += x;", ["loops"], 1)).toContain("(xs).forEach((x) => {");
    expect(disguise("xs.forEach((x) => {\n  total += x;\n});", ["loops"], 1)).toContain("for (const x of xs) {");
  });

  it("renames declared names only: members, globals and the exercise's API stay", () => {
    const copy = disguise("export function f(rows) {\n  const m = Math.max(...rows);\n  return rows.map((r) => r / m);\n}", ["rename"], 2, new Set(["f"]));
    expect(copy).toMatch(/^export function f\(/);
    expect(copy).toContain("Math.max(");
    expect(copy).toContain(".map(");
    expect(copy).not.toMatch(/\brows\b/);
    // What the tokenizer sees is unchanged by renaming, reformatting and comments.
    for (const d of ["rename", "reformat", "comments"] as const) expect(tokenize(disguise(LOOPS, [d], 9, KEEP)).tokens, d).toEqual(tokenize(LOOPS).tokens);
  });

  it("reads the exported names of a starter", () => {
    expect([...exportedNames("export function a() {}\nexport const b = 1;\nfunction c() {}\nexport async function d() {}")]).toEqual(["a", "b", "d"]);
  });
});
