import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_MODULE, compileStudentSource } from "@/lib/grading/compile";
import { TFJS_MODULE } from "@/lib/editor/ts-service/files";
import { collectDeclarations } from "@/lib/editor/ts-service/collect-declarations";
import { createEditorTypeService, type EditorTypeService } from "@/lib/editor/ts-service/service";
import { rightCorpusSolutions } from "@/scripts/editor-corpus";

const root = path.resolve(import.meta.dirname, "../../..");
const adamStarter = readFileSync(path.join(root, "exercises/adam/starter.ts"), "utf8");
const IMPORT = 'import * as tf from "@tensorflow/tfjs";\n';

let service: EditorTypeService;

beforeAll(() => {
  // The same declarations the build bakes into public/editor/ts-worker.js.
  service = createEditorTypeService(collectDeclarations(root));
});

/** The code with `|` removed, and the offset where it stood. */
function at(marked: string): { code: string; position: number } {
  const position = marked.indexOf("|");
  return { code: marked.slice(0, position) + marked.slice(position + 1), position };
}

describe("the editor's TypeScript service over the bundled declarations", () => {
  it("completes `tf.ti` with tidy, its signature as the detail, replacing from the word's start", () => {
    const { code, position } = at(`${IMPORT}const y = tf.ti|`);
    service.update({ code, starter: null });
    const result = service.completions(position);
    expect(result?.from).toBe(position - 2);
    const tidy = result?.items.find((i) => i.label === "tidy");
    expect(tidy?.kind).toBe("function");
    expect(tidy?.detail).toMatch(/^function tidy<T extends .*TensorContainer>\(nameOrFn: string \| ScopeFn<T>, fn\?: ScopeFn<T>\): T$/);
  });

  it("completes tf as the grader's global in code that never imports it", () => {
    const { code, position } = at("export const f = () => tf.ti|");
    service.update({ code, starter: null });
    expect(service.completions(position)?.items.map((i) => i.label)).toContain("tidy");
  });

  it("gives the documentation of a completion on request", () => {
    const { code, position } = at(`${IMPORT}tf.ti|`);
    service.update({ code, starter: null });
    const details = service.completionDetails(position, "tidy");
    expect(details?.detail).toContain("tidy<T");
    expect(details?.documentation).toContain("cleans up all");
  });

  it("hovers tf.tidy with its signature and documentation", () => {
    const { code, position } = at(`${IMPORT}const y = tf.ti|dy(() => tf.scalar(1));\n`);
    service.update({ code, starter: null });
    const hover = service.hover(position);
    expect(code.slice(hover!.from, hover!.to)).toBe("tidy");
    expect(hover?.signature).toContain("tidy");
    expect(hover?.documentation).toContain("Executes the provided function `fn`");
  });

  it("lists tf.tensor's parameters inside the call and follows the active one", () => {
    const first = at(`${IMPORT}const t = tf.tensor(|`);
    service.update({ code: first.code, starter: null });
    const help = service.signatureHelp(first.position);
    expect(help?.signatures[0]?.prefix).toBe("tensor(");
    expect(help?.signatures[0]?.parameters.map((p) => p.label.split(":")[0])).toEqual(["values", "shape?", "dtype?"]);
    expect(help?.signatures[0]?.parameters[0]?.documentation).toContain("The values of the tensor");
    expect(help?.activeParameter).toBe(0);
    const second = at(`${IMPORT}const t = tf.tensor([1, 2], |`);
    service.update({ code: second.code, starter: null });
    expect(service.signatureHelp(second.position)?.activeParameter).toBe(1);
  });

  it("reports a wrong argument type on its 1-based line, spanning the argument", () => {
    const code = `${IMPORT}\nexport function f() {\n  return tf.tensor([1, 2], "wide");\n}\n`;
    service.update({ code, starter: null });
    const diagnostics = service.diagnostics();
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ line: 4, severity: "error", code: 2345 });
    expect(code.slice(d!.from, d!.to)).toBe('"wide"');
    expect(code.split("\n")[d!.line - 1]).toContain('"wide"');
  });

  it("reports a misspelt tf function, and a DOM name the grader does not have", () => {
    service.update({ code: `${IMPORT}tf.tidyy(() => 1);\ndocument.title;\n`, starter: null });
    const diagnostics = service.diagnostics();
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 2551],
      [3, 2584],
    ]);
    expect(diagnostics[1]?.message).toBe("Cannot find name 'document': the grader runs your code with the standard library and tf only (no browser or Node.js APIs).");
    expect(diagnostics[0]?.message).toContain("Did you mean 'tidy'");
  });

  it("imports @tensorflow/tfjs by namespace, by name and as a default, and says what the grader allows otherwise", () => {
    const imports = [
      'import * as tf from "@tensorflow/tfjs";\nexport const f = () => tf.tidy(() => tf.scalar(1));\n',
      'import { tidy, scalar } from "@tensorflow/tfjs";\nexport const f = () => tidy(() => scalar(1));\n',
      'import tf, { scalar } from "@tensorflow/tfjs";\nexport const f = () => tf.tidy(() => scalar(1));\n',
    ];
    for (const code of imports) {
      service.update({ code, starter: null });
      expect(service.diagnostics(), code).toEqual([]);
    }
    expect(TFJS_MODULE).toBe(ALLOWED_MODULE);
    service.update({ code: 'import * as fs from "fs";\nconst m = require("x");\n', starter: null });
    expect(service.diagnostics().map((d) => [d.line, d.message])).toEqual([
      [1, `Importing "fs" is not allowed; only "${ALLOWED_MODULE}" can be imported.`],
      [2, "Cannot find name 'require': the grader runs your code with the standard library and tf only (no browser or Node.js APIs)."],
    ]);
  });

  it("puts the starter's contract error on the student's untyped export name, with the declared type", () => {
    const code = "// my Adam\nexport function adamStep(w, g, state, hp) {\n  const m = state.m, v = state.v;\n  return { w, m, v };\n}\n";
    service.update({ code, starter: adamStarter });
    const diagnostics = service.diagnostics();
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(code.slice(d!.from, d!.to)).toBe("adamStep");
    expect(d!.line).toBe(2);
    expect(d!.message).toContain("{ w: number[]; state: AdamState }");
    expect(d!.message).toContain("Property 'state' is missing");
  });

  it("accepts the starter's contract met by untyped JavaScript, async results and typed arrays", () => {
    const code = [
      "export async function adamStep(w, g, { m, v, t }, hp) {",
      "  const m1 = Float64Array.from(m, (mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]);",
      "  return { w: w.map((x) => x), state: { m: m1, v, t: t + 1 } };",
      "}",
    ].join("\n");
    service.update({ code, starter: adamStarter });
    expect(service.diagnostics()).toEqual([]);
  });

  it("warns on the first line when a starter export is missing (renamed), naming it", () => {
    const code = "// Adam\nexport function adam_step(w, g, state, hp) {\n  return { w, state };\n}\n";
    service.update({ code, starter: adamStarter });
    expect(service.diagnostics()).toEqual([
      { from: 0, to: "// Adam".length, line: 1, severity: "warning", code: 0, message: 'The starter exports "adamStep"; this file does not export it: the tests call exports by name.' },
    ]);
  });

  it("reports a syntax error on the line the grader reports", () => {
    const students = path.join(root, "tests/fixtures/students");
    const files = readdirSync(students)
      .map((e) => `tests/fixtures/students/${e}/wrong-syntax-error.ts`)
      .filter((f) => existsSync(path.join(root, f)));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const code = readFileSync(path.join(root, file), "utf8");
      const graded = compileStudentSource(code);
      expect(graded.ok, file).toBe(false);
      const graderLine = Number(/at line (\d+)/.exec(graded.ok ? "" : graded.error)?.[1]);
      service.update({ code, starter: null });
      const first = service.diagnostics()[0];
      expect(first?.line, file).toBe(graderLine);
      expect(first?.severity).toBe("error");
    }
  });

  it("gives no errors on right solutions from the test corpora", { timeout: 180_000 }, () => {
    const solutions = rightCorpusSolutions(root);
    expect(solutions.length).toBeGreaterThan(100);
    // Every third, across both corpora and every exercise (the full run: scripts/bench-editor.ts).
    const sample = solutions.filter((_, i) => i % 3 === 0);
    const complaints: string[] = [];
    for (const s of sample) {
      service.update({ code: s.code, starter: s.starter });
      for (const d of service.diagnostics()) complaints.push(`${s.file}:${d.line} TS${d.code} ${d.message}`);
    }
    expect(complaints).toEqual([]);
  });

  it("answers at any position of garbage without throwing", () => {
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join("");
    service.update({ code: garbage, starter: adamStarter });
    const diagnostics = service.diagnostics();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThanOrEqual(200);
    for (const position of [-5, 0, 17, 2500, 4999, 5000, 1e9, Number.NaN]) {
      expect(() => [service.completions(position), service.hover(position), service.signatureHelp(position), service.completionDetails(position, "x")]).not.toThrow();
    }
  });
});
