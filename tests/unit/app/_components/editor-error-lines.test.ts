import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { graderLineStart } from "@/app/_components/editor-error-marks";

/** The CodeMirror line (1-based) a grader's line number lands on. */
function editorLine(code: string, graderLine: number): number {
  return EditorState.create({ doc: code }).doc.lineAt(graderLineStart(code, graderLine)).number;
}

describe("a grader's line number in the editor", () => {
  it("is the same line for \\n, \\r\\n and \\r line breaks", () => {
    expect(editorLine("a\nb\nc", 3)).toBe(3);
    expect(editorLine("a\r\nb\r\nc", 2)).toBe(2);
    expect(editorLine("a\rb\rc", 3)).toBe(3);
    expect(editorLine("a\nb", 1)).toBe(1);
  });

  it("counts U+2028 and U+2029 as the grader does, though CodeMirror keeps them inside a line", () => {
    // Grader lines: 1 "const s = 'x", 2 "';", 3 "y(" — CodeMirror sees the first two as its line 1.
    const code = "const s = 'x\u2028';\ny(\nz";
    expect(editorLine(code, 3)).toBe(2);
    expect(editorLine(code, 4)).toBe(3);
    expect(editorLine("a\u2029b\nc", 3)).toBe(2);
  });

  it("keeps a line past the end on the last line", () => {
    expect(editorLine("a\nb", 9)).toBe(2);
  });
});
