import { forEachDiagnostic, lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { StateEffect, StateField, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

export interface EditorDiagnostic {
  /** 1-based line in the student's source. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

const setErrorLines = StateEffect.define<readonly number[]>();
const errorLine = Decoration.line({ class: "cm-errorLine" });

/** A tint over every line an error names; it follows the line while the student edits. */
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(lines, transaction) {
    let next = lines.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setErrorLines)) next = Decoration.set(effect.value.map((from) => errorLine.range(from)), true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const errorTheme = EditorView.baseTheme({
  ".cm-errorLine": { backgroundColor: "#fdecea" },
  // The default squiggle is a hairline; a whole-line mark has to be seen at a glance.
  ".cm-lintRange-error": { textDecoration: "underline wavy #b42318", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
});

/** Gutter markers, line tints and underlines for the errors shown with `showErrors`. */
export const errorMarks: Extension = [lintGutter(), errorLineField, errorTheme];

/** The `source` of the typed editor's diagnostics (issue 22): they share the lint state with the grader's marks. */
export const TYPE_DIAGNOSTIC_SOURCE = "TypeScript";

/** The diagnostics on show from one side (the grader's, or the type checker's), at their current positions. */
export function diagnosticsOnShow(state: EditorState, types: boolean): Diagnostic[] {
  const kept: Diagnostic[] = [];
  forEachDiagnostic(state, (diagnostic, from, to) => {
    if ((diagnostic.source === TYPE_DIAGNOSTIC_SOURCE) === types) kept.push({ ...diagnostic, from, to });
  });
  return kept;
}

/** Marks each diagnostic's line (gutter, tint, underline of the line's code) and scrolls the first into view. */
export function showErrors(view: EditorView, diagnostics: readonly EditorDiagnostic[]): void {
  const marks = diagnostics.map((diagnostic) => toCodeMirror(view.state, diagnostic));
  const lineStarts = [...new Set(marks.map((mark) => view.state.doc.lineAt(mark.from).from))].sort((a, b) => a - b);
  const first = marks[0];
  // The type checker's diagnostics stay: the grader's marks replace only the grader's.
  view.dispatch(setDiagnostics(view.state, [...marks, ...diagnosticsOnShow(view.state, true)]), {
    effects: [setErrorLines.of(lineStarts), ...(first ? [EditorView.scrollIntoView(first.from, { y: "nearest", yMargin: 48 })] : [])],
  });
}

/**
 * The offset where the grader's 1-based `line` starts. The grader (TypeScript's scanner) also breaks lines at
 * U+2028 and U+2029, which CodeMirror keeps inside a line, so its numbers are not always CodeMirror's.
 */
export function graderLineStart(text: string, line: number): number {
  let current = 1;
  for (let index = 0; index < text.length && current < line; index++) {
    const char = text[index];
    if (char === "\r" && text[index + 1] === "\n") continue;
    if (char === "\n" || char === "\r" || char === "\u2028" || char === "\u2029") {
      current++;
      if (current === line) return index + 1;
    }
  }
  return current === line ? 0 : text.length;
}

function toCodeMirror(state: EditorState, diagnostic: EditorDiagnostic): Diagnostic {
  const line = state.doc.lineAt(graderLineStart(state.doc.toString(), Math.max(1, diagnostic.line)));
  // The whole line's code, not just the column: a parser's column often points past the real mistake.
  const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
  return { from: line.from + Math.min(indent, line.length), to: line.to, severity: "error", message: diagnostic.message };
}
