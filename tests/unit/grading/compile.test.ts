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

  describe("only emitted code counts", () => {
    // Each of these compiles to nothing that mentions require or another module.
    const typeOnly = [
      "declare const require: any;",
      "declare function require(id: string): unknown;",
      "export declare const loader: typeof require;",
      "declare namespace Node { const require: (id: string) => unknown; }",
      'declare module "fs" { export function readFileSync(p: string): string; }',
      "declare global { var require: (id: string) => unknown; }",
      "interface Host { require(id: string): unknown; load: typeof require }",
      "type Loader = typeof require;",
      "let r: typeof require | undefined;",
      "function f(load: typeof require): ReturnType<typeof require> { return undefined as unknown as ReturnType<typeof require>; }",
      "class A implements ReturnType<typeof require> { declare load: typeof require; }",
      'import type { Stats } from "fs";',
      'import { type Stats, type Dirent } from "fs";',
      'import type fs = require("fs");',
      'export type { Stats } from "fs";',
      'export { type Stats } from "fs";',
    ];

    it.each(typeOnly)("accepts %s, which emits no require", (line) => {
      const r = compileStudentSource(`${line}\nexport const f = (x: number) => x;\n`);
      if (!r.ok) throw new Error(r.error);
      expect(r.js).not.toMatch(/require|"fs"/);
    });

    it.each([
      ["declare const require: any;\nconst fs = require('fs');", /^line 2, column 12: require is not available/],
      ["class A { declare m() { return require('fs'); } }", /require is not available/],
      ["class A { load = require; }", /require is not available/],
      ["const load = require<string>;", /require is not available/],
      ["class A extends require('events').EventEmitter<number> {}", /require is not available/],
      ["const x = (require as any)('fs');", /require is not available/],
      ["import { type Stats, readFileSync } from 'fs';", /importing "fs" is not allowed/],
      ["export { type Stats, readFileSync } from 'fs';", /importing "fs" is not allowed/],
      ["import {} from 'fs';", /importing "fs" is not allowed/],
      ["import fs = require('fs');", /"import … = require\(…\)" is not allowed/],
      ["const enum E { A = require('fs').x }", /require is not available/],
    ])("still refuses emitted code: %s", (src, why) => {
      expect(error(src)).toMatch(why);
    });
  });
});
