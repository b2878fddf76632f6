import type { EditorState } from "@codemirror/state";
import type { TypeService } from "@/lib/editor/protocol";

/**
 * One editor's link to the language service: sends the document before each question, so that every answer
 * is about the text the student sees, and tells whether an answer is still about the current text.
 */
export class TypedSession {
  private sent: string | null = null;

  constructor(
    readonly service: TypeService,
    private readonly starter: string | null,
  ) {}

  /** Makes the service's copy of the student's file the state's document (a cheap version bump when changed). */
  sync(state: EditorState): string {
    const code = state.doc.toString();
    if (code !== this.sent) {
      this.service.update({ code, starter: this.starter });
      this.sent = code;
    }
    return code;
  }

  /** True when the state's document is still the text the service last saw. */
  current(state: EditorState): boolean {
    return this.sent === state.doc.toString();
  }
}
