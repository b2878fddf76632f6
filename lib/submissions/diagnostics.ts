export interface SourceDiagnostic {
  /** 1-based line in the student's source. */
  line: number;
  column?: number;
  message: string;
}

/** The part of a graded submission whose messages may name a line of the student's code. */
export interface DiagnosedOutcome {
  message: string | null;
  tests: ReadonlyArray<{ name: string; message: string }>;
}

const POSITION_SUFFIX = /\(line (\d+)(?:, column (\d+))?\)\s*$/;
const POSITION = /\bline (\d+)(?:, column (\d+))?/;

/** The student's line (and column) named in a compile or runtime error message, to mark in the editor. */
export function diagnosticsOf(message: string | null | undefined): SourceDiagnostic[] {
  if (!message) return [];
  // A runtime error ends with its position; the thrown message before it is the student's own text.
  const match = POSITION_SUFFIX.exec(message) ?? POSITION.exec(message);
  if (!match) return [];
  return [{ line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined, message }];
}

/**
 * Every line a submission's messages name: a compile or load error, and each test that threw. A line
 * that many tests threw on is marked once, with the first test's message and how many more there were.
 */
export function diagnosticsOfOutcome(outcome: DiagnosedOutcome | null): SourceDiagnostic[] {
  if (!outcome) return [];
  const byLine = new Map<number, { first: SourceDiagnostic; more: number }>();
  const add = (found: SourceDiagnostic) => {
    const known = byLine.get(found.line);
    if (known) known.more++;
    else byLine.set(found.line, { first: found, more: 0 });
  };
  diagnosticsOf(outcome.message).forEach(add);
  for (const test of outcome.tests) {
    for (const found of diagnosticsOf(test.message)) add({ ...found, message: `${test.name}: ${found.message}` });
  }
  return [...byLine.values()].map(({ first, more }) =>
    more === 0 ? first : { ...first, message: `${first.message}\n(and ${more} more ${more === 1 ? "test" : "tests"} on this line)` },
  );
}
