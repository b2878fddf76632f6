import { describe, expect, it } from "vitest";
import { compileStudentSource, MAX_SOURCE_BYTES } from "@/lib/grading/compile";

function error(src: string): string {
  const r = compileStudentSource(src);
  if (r.ok) throw new Error("expected a compile error");
  return r.error;
}

describe("compileStudentSource", () => {
  it.each([
    "import * as tf from '@tensorflow/tfjs';\nexport const f = () => tf.scalar(1);",
    "import { tensor, type Tensor } from '@tensorflow/tfjs';\nexport const f = (): Tensor => tensor([1]);",
    "import tf from '@tensorflow/tfjs';\nexport const f = () => tf.scalar(1);",
    "import type { Tensor } from '@tensorflow/tfjs';\nexport const f = (t: Tensor) => t;",
    "export function f(x) { return x; }",
    "module.exports = { f: (x) => x };",
  ])("accepts %s", (src) => {
    expect(compileStudentSource(src).ok).toBe(true);
  });

  it.each([
    ["import fs from 'fs';", /importing "fs" is not allowed/],
    ["import * as tf from '@tensorflow/tfjs-node';", /"@tensorflow\/tfjs-node" is not allowed/],
    ["import * as tf from '@tensorflow/tfjs/dist/tf.min.js';", /not allowed/],
    ["import { x } from './other';", /not allowed/],
    ["export * from 'node:child_process';", /not allowed/],
    ["const fs = require('fs');", /require is not available/],
    ["const r = require; r('fs');", /require is not available/],
    ["export async function f() { return import('fs'); }", /dynamic import\(\) is not allowed/],
    ["import fs = require('fs');", /not allowed/],
    ["export const u = import.meta.url;", /import\.meta/],
  ])("refuses %s", (src, why) => {
    expect(error(src)).toMatch(why);
  });

  it("names the line of a forbidden import", () => {
    expect(error("// hello\n\nimport { readFileSync } from 'node:fs';\n")).toMatch(/^line 3, column 1: /);
  });

  it("refuses a source over 256 KB", () => {
    expect(error(`// ${"x".repeat(MAX_SOURCE_BYTES)}\nexport const f = 1;`)).toMatch(/limit is 256 KB/);
  });

  it("reports syntax errors at the student's line and column", () => {
    expect(error("export function f() {\n  return 1 +;\n}\n")).toMatch(/^Syntax error at line 2, column 13: Expression expected/);
  });

  it("maps generated positions back to the student's TypeScript", () => {
    const src = "import * as tf from '@tensorflow/tfjs';\ninterface A { x: number }\ntype B = A[];\n\nexport function f(a: B): number {\n  return a.length + missing;\n}\n";
    const r = compileStudentSource(src);
    if (!r.ok) throw new Error(r.error);
    const lines = r.js.split("\n");
    const genLine = lines.findIndex((l) => l.includes("missing")) + 1;
    const genCol = (lines[genLine - 1] ?? "").indexOf("missing") + 1;
    expect(r.positions.original(genLine, genCol)).toEqual({ line: 6, column: 21 });
  });

  it("caches results by content: the same source compiles once, errors included", () => {
    const src = "export const cached = (x: number) => x + 1;";
    const first = compileStudentSource(src);
    expect(compileStudentSource(src)).toBe(first);
    expect(compileStudentSource(`${src}\n`)).not.toBe(first);
    const bad = "import fs from 'fs';";
    expect(compileStudentSource(bad)).toBe(compileStudentSource(bad));
    expect(error(bad)).toMatch(/not allowed/);
  });

  it("does not mistake a property named require for the require function", () => {
    expect(compileStudentSource("const o = { require: 1 };\nexport const f = () => o.require;").ok).toBe(true);
  });
});
