/*
 * The typed editor (issue 22): the TypeScript language service runs in a Web Worker (lib/editor/ts-worker.ts,
 * bundled at build time with the standard library and @tensorflow/tfjs's declarations) and answers the
 * editor through this interface. Positions are character offsets into the student's code; lines are
 * 1-based as the grader reports them.
 */

/** What the editor knows of the exercise: the student's file, and the starter whose exports are the contract. */
export interface TypedProgramInput {
  /** The student's code, as in the editor. */
  code: string;
  /**
   * The exercise's starter code: its exported types and signatures are the contract the student's exports
   * are checked against, so an untyped `adamStep` that returns `{ w, m, v }` where `{ w, state }` is declared
   * is an error on the student's export. Null on a page with no starter (the authoring prompt editor).
   */
  starter: string | null;
}

export interface TypeCompletion {
  label: string;
  /** "function", "method", "property", "variable", "class", "interface", "keyword", … (CodeMirror's completion types). */
  kind: string;
  /** One line: the signature or type, e.g. `tidy<T>(nameOrFn: string | ScopeFn<T>, fn?: ScopeFn<T>): T`. */
  detail?: string;
  /** TypeScript's sort key: items are listed in this order (documentation comes lazily, by `completionDetails`). */
  sortText?: string;
}

export interface TypeCompletions {
  /** Offset where the word being completed starts: the editor replaces from there. */
  from: number;
  items: TypeCompletion[];
}

export interface TypeHover {
  from: number;
  to: number;
  /** The declaration as TypeScript prints it, e.g. `function tf.tidy<T extends TensorContainer>(…): T`. */
  signature: string;
  /** Its documentation (TSDoc), plain text with line breaks; empty when none. */
  documentation: string;
}

export interface TypeSignatureHelp {
  /** Each overload, as printed parts so the active parameter can be emphasised. */
  signatures: { prefix: string; parameters: { label: string; documentation: string }[]; separator: string; suffix: string; documentation: string }[];
  activeSignature: number;
  activeParameter: number;
}

export interface TypeDiagnostic {
  from: number;
  to: number;
  /** 1-based, as the grader numbers the student's lines. */
  line: number;
  severity: "error" | "warning" | "info";
  message: string;
  /** TypeScript's error code, e.g. 2345; 0 for the editor's own checks (a starter export the file lacks). */
  code: number;
}

/** The language service as the editor sees it; every call is answered from the worker. */
export interface TypeService {
  /** Sets the program's files (cheap: a version bump); later calls see this text. */
  update(input: TypedProgramInput): void;
  completions(position: number): Promise<TypeCompletions | null>;
  completionDetails(position: number, label: string): Promise<{ detail: string; documentation: string } | null>;
  hover(position: number): Promise<TypeHover | null>;
  signatureHelp(position: number): Promise<TypeSignatureHelp | null>;
  diagnostics(): Promise<TypeDiagnostic[]>;
  /**
   * Calls `listener` once when the service cannot work (the worker failed to load, was blocked, crashed, or
   * hangs: a call it did not answer in time stops it):
   * from then on every call answers null or []. Returns a function that removes the listener. Optional: a
   * fake service may leave it out.
   */
  onUnavailable?(listener: () => void): () => void;
  /** Stops the worker. */
  dispose(): void;
}
