import path from "node:path";
import { EditorState } from "@codemirror/state";
import { beforeAll, describe, expect, it } from "vitest";
import { compileStudentSource } from "@/lib/grading/compile";
import { collectDeclarations } from "@/lib/editor/ts-service/collect-declarations";
import { createEditorTypeService, type EditorTypeService } from "@/lib/editor/ts-service/service";
import { toCodeMirror } from "@/app/_components/typed-editor/diagnostics";

const root = path.resolve(import.meta.dirname, "../../..");
let service: EditorTypeService;

beforeAll(() => {
  service = createEditorTypeService(collectDeclarations(root));
});

/** The grader's "line N" for code that does not compile. */
function graderLine(code: string): number {
  const compiled = compileStudentSource(code);
  if (compiled.ok) throw new Error("expected the grader to refuse the code");
  return Number(/line (\d+)/.exec(compiled.error)?.[1]);
}

describe("type diagnostics in a file with U+2028/U+2029 (line breaks to TypeScript and the grader, not to CodeMirror)", () => {
  for (const separator of ["\u2028", "\u2029"]) {
    it(`numbers the line as the grader does and marks the offending code itself (${separator === "\u2028" ? "U+2028" : "U+2029"})`, () => {
      const code = `const note = "a";${separator}const b = 2;\nlet c = ;\n`;
      service.update({ code, starter: null });
      const [d] = service.diagnostics();
      expect(d).toBeDefined();
      expect(d!.line).toBe(graderLine(code));
      expect(d!.line).toBe(3);
      const state = EditorState.create({ doc: code });
      expect(state.doc.lines).toBe(3);
      const mark = toCodeMirror(state, d!);
      expect([mark.from, mark.to]).toEqual([d!.from, d!.to]);
      expect(state.doc.lineAt(mark.from).text).toBe("let c = ;");
    });
  }

  it("marks a type error after U+2028 on its own code, not on the line the grader's number names in the editor", () => {
    const code = 'import * as tf from "@tensorflow/tfjs";\nconst note = "a\u2028b";\nconst t = tf.tensor([1], "wide");\nconst ok = 1;\n';
    service.update({ code, starter: null });
    const [d] = service.diagnostics();
    expect(d?.code).toBe(2345);
    const state = EditorState.create({ doc: code });
    const mark = toCodeMirror(state, d!);
    expect(state.sliceDoc(mark.from, mark.to)).toBe('"wide"');
  });
});
