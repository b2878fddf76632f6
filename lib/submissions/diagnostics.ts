export interface SourceDiagnostic {
  /** 1-based line in the student's source. */
  line: number;
  column?: number;
  message: string;
}

/** The student's line (and column) named in a compile or runtime error message, to mark in the editor. */
export function diagnosticsOf(message: string | null | undefined): SourceDiagnostic[] {
  if (!message) return [];
  const match = /\bline (\d+)(?:, column (\d+))?/.exec(message);
  if (!match) return [];
  return [{ line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined, message }];
}
