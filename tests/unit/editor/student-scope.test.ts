/** What student code may name and import in the editor is what the grader's sandbox runs (lib/grading/compile.ts). */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_MODULE, compileStudentSource } from "@/lib/grading/compile";
import { collectDeclarations, DOM_SHIMS_FILE } from "@/lib/editor/ts-service/collect-declarations";
import { createEditorTypeService, type EditorTypeService } from "@/lib/editor/ts-service/service";

const root = path.resolve(import.meta.dirname, "../../..");
let service: EditorTypeService;
let shims: string;

beforeAll(() => {
  const declarations = collectDeclarations(root);
  shims = declarations[DOM_SHIMS_FILE]!;
  service = createEditorTypeService(declarations);
});

/** The grader's refusal without its "line N, column M: " and with a capital first letter and a full stop. */
function graderRefusal(code: string): string {
  const compiled = compileStudentSource(code);
  if (compiled.ok) throw new Error("expected the grader to refuse the code");
  const bare = compiled.error.replace(/^line \d+, column \d+: /, "");
  return `${bare[0]!.toUpperCase()}${bare.slice(1)}.`;
}

describe("the browser shims tfjs's declarations need stay out of student code", () => {
  it("declares only empty interfaces: no function, variable or class", () => {
    const declarations = shims.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("//"));
    expect(declarations.length).toBeGreaterThan(10);
    for (const line of declarations) expect(line).toMatch(/^interface [A-Z]\w* \{\}$/);
  });

  it("reports a call of fetch, which the sandbox does not have", () => {
    const code = 'export async function load() {\n  const r = await fetch("https://example.org/w.json");\n  return r;\n}\n';
    service.update({ code, starter: null });
    const diagnostics = service.diagnostics();
    expect(diagnostics.map((d) => [d.line, code.slice(d.from, d.to)])).toEqual([[2, "fetch"]]);
    expect(diagnostics[0]?.message).toContain("Cannot find name 'fetch'");
  });

  it("reports a shim type used as a value (new Response)", () => {
    service.update({ code: "const r = new Response();\n", starter: null });
    expect(service.diagnostics().map((d) => d.line)).toEqual([1]);
  });
});

describe("imports the grader refuses are errors in the editor, with the grader's words", () => {
  const refused = [
    'import * as core from "@tensorflow/tfjs-core";\nexport const f = () => core.scalar(1);\n',
    'import { Sequential } from "@tensorflow/tfjs-layers";\nexport const s = Sequential;\n',
    'export { tidy } from "@tensorflow/tfjs-core";\n',
    'import * as fs from "fs";\n',
  ];
  for (const code of refused) {
    it(`refuses ${code.split("\n")[0]}`, () => {
      service.update({ code, starter: null });
      const diagnostics = service.diagnostics();
      expect(diagnostics).toHaveLength(1);
      const [d] = diagnostics;
      expect(d).toMatchObject({ line: 1, severity: "error", message: graderRefusal(code) });
      expect(code.slice(d!.from, d!.to)).toBe(code.split("\n")[0]);
    });
  }

  it("refuses an import on the line the grader names", () => {
    const code = `// my model\n\nimport { scalar } from "@tensorflow/tfjs-core";\n`;
    service.update({ code, starter: null });
    const graded = compileStudentSource(code);
    expect(graded.ok ? "" : graded.error).toMatch(/^line 3,/);
    expect(service.diagnostics().map((d) => d.line)).toEqual([3]);
  });

  it("lets through what the grader runs: the allowed module, and type-only imports it erases", () => {
    const allowed = [
      `import * as tf from "${ALLOWED_MODULE}";\nexport const f = () => tf.scalar(1);\n`,
      'import type { Tensor } from "@tensorflow/tfjs-core";\nexport const f = (t: Tensor) => t;\n',
    ];
    for (const code of allowed) {
      expect(compileStudentSource(code).ok, code).toBe(true);
      service.update({ code, starter: null });
      expect(service.diagnostics(), code).toEqual([]);
    }
  });
});
