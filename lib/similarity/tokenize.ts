/**
 * Normalised tokens of a submission for the similarity analysis (issue 20), from the TypeScript scanner: no
 * parser, so broken code is just tokens and never an error.
 *
 * What is normalised away, and why:
 * - local names (every identifier becomes `$id`): renaming variables is the cheapest disguise;
 * - literals, by kind (`$num`, `$str`, `$tpl`, `$re`): changed constants and messages are cosmetic;
 * - comments, whitespace, semicolons, braces and trailing commas: reformatting (and Prettier) adds and removes
 *   them, and so does a copier adding braces to a one-line `if` or loop body (on the labelled set, dropping
 *   braces raised the hand-made copies' similarity from 0.48–0.84 to 0.50–0.90 at equal precision);
 * - `let`/`const`/`var` become `$decl`; `for`/`while`/`do` become `$loop`: swapped freely when copying;
 * - TypeScript's types (annotations with their `:`, `as T`, interfaces, type aliases, non-null `!`): a copier
 *   turns JavaScript into TypeScript and back, and independent TypeScript solutions all share
 *   `: number[][]`. The parser finds them; it recovers from any syntax error, so this never throws either.
 * What is kept: keywords, operators, punctuation, and API names — a member name after `.` (`tf.tidy`,
 * `.mul`, `.map`) and well-known globals (`Math`, `tf`, `Array`…). Those are what a renamer leaves alone and
 * what tells one approach from another, whereas local names carry no signal once a copier renames them.
 */
import ts from "typescript";
import { normaliseLineBreaks } from "./line-breaks";

import { MAX_TOKENS } from "./options";

export { MAX_TOKENS };
/**
 * A comma-separated run of at least this many literals or bracketed lists of literals (a hard-coded data array
 * or table) is one token: as `$num , $num , …` it would be one fingerprint repeated thousands of times, which
 * any other data array shares.
 */
export const MIN_LITERAL_RUN = 4;

/** One token's place in the code: 0-based lines and columns, end exclusive. */
export interface TokenRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TokenizedCode {
  tokens: string[];
  regions: TokenRegion[];
  /** Whether tokens past MAX_TOKENS were left out. */
  truncated: boolean;
}

/** Globals a renamer leaves alone and that say which API a solution uses. */
const KEPT_GLOBALS = new Set([
  "tf", "Math", "Array", "Number", "Object", "String", "Boolean", "JSON", "console", "Infinity", "NaN",
  "undefined", "Float32Array", "Float64Array", "Int32Array", "Map", "Set", "Error", "parseInt", "parseFloat",
  "isNaN", "isFinite", "Symbol", "Promise", "BigInt",
]);

const K = ts.SyntaxKind;

/** Tokens after which a `/` divides; after anything else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  K.Identifier, K.PrivateIdentifier, K.NumericLiteral, K.BigIntLiteral, K.StringLiteral, K.NoSubstitutionTemplateLiteral,
  K.TemplateTail, K.RegularExpressionLiteral, K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken,
  K.ThisKeyword, K.SuperKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword, K.PlusPlusToken, K.MinusMinusToken,
]);

const DROPPED = new Set<ts.SyntaxKind>([K.SemicolonToken, K.OpenBraceToken, K.CloseBraceToken]);
const CLOSERS = new Set<ts.SyntaxKind>([K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken]);

/**
 * Contextual keywords that keep their meaning as tokens; any other (`out`, `from`, `get`, `type`…) is most
 * often a student's variable name, so it is normalised like one.
 */
const MEANINGFUL_CONTEXTUAL = new Set(["of", "as", "async", "await", "number", "string", "boolean", "any", "unknown", "never", "object", "bigint", "symbol"]);

function isContextualKeyword(kind: ts.SyntaxKind): boolean {
  // The contextual keywords are the last keywords, from `abstract` on.
  return kind >= K.AbstractKeyword && kind <= K.LastKeyword;
}

function normalise(kind: ts.SyntaxKind, text: string, previous: ts.SyntaxKind | undefined): string {
  if (isContextualKeyword(kind) && !MEANINGFUL_CONTEXTUAL.has(text)) kind = K.Identifier;
  switch (kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
      if (previous === K.DotToken || previous === K.QuestionDotToken) return text;
      return KEPT_GLOBALS.has(text) ? text : "$id";
    case K.NumericLiteral:
    case K.BigIntLiteral:
      return "$num";
    case K.StringLiteral:
      return "$str";
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateHead:
    case K.TemplateMiddle:
    case K.TemplateTail:
      return "$tpl";
    case K.RegularExpressionLiteral:
      return "$re";
    case K.LetKeyword:
    case K.ConstKeyword:
    case K.VarKeyword:
      return "$decl";
    case K.ForKeyword:
    case K.WhileKeyword:
    case K.DoKeyword:
      return "$loop";
    default:
      return ts.tokenToString(kind) ?? text;
  }
}

const LITERALS = new Set<ts.SyntaxKind>([K.NumericLiteral, K.BigIntLiteral, K.StringLiteral, K.NoSubstitutionTemplateLiteral, K.TrueKeyword, K.FalseKeyword, K.NullKeyword]);
const SIGNS = new Set<ts.SyntaxKind>([K.MinusToken, K.PlusToken]);

interface RawToken {
  kind: ts.SyntaxKind;
  text: string;
  start: number;
  end: number;
}

/** Nesting of bracketed literal lists (`[[1, 2], [3, 4]]`) a data item may have. */
const MAX_LITERAL_NESTING = 3;

/** Length in tokens of a data item at `i` (a signed literal, or a bracketed list of data items), or 0. */
function literalAt(raw: readonly RawToken[], i: number, depth = 0): number {
  const token = raw[i];
  if (!token) return 0;
  if (LITERALS.has(token.kind)) return 1;
  if (SIGNS.has(token.kind)) return raw[i + 1] && LITERALS.has(raw[i + 1]!.kind) ? 2 : 0;
  if (token.kind !== K.OpenBracketToken || depth >= MAX_LITERAL_NESTING) return 0;
  let end = i + 1;
  for (;;) {
    if (raw[end]?.kind === K.CloseBracketToken) return end + 1 - i;
    const length = literalAt(raw, end, depth + 1);
    if (length === 0) return 0;
    end += length;
    if (raw[end]?.kind === K.CommaToken) end += 1;
    else if (raw[end]?.kind !== K.CloseBracketToken) return 0;
  }
}

/** End (exclusive) of the comma-separated run of data items starting at `i`, and how many items it holds. */
function literalRun(raw: readonly RawToken[], i: number): { end: number; literals: number } {
  let end = i;
  let literals = 0;
  for (;;) {
    const length = literalAt(raw, end);
    if (length === 0) break;
    end += length;
    literals += 1;
    if (raw[end]?.kind !== K.CommaToken || literalAt(raw, end + 1) === 0) break;
    end += 1;
  }
  return { end, literals };
}

/**
 * The token of a run of data: `$lits` and a hash of its values (spacing aside). The values are what a data
 * table is: a copied table keeps them, and two different tables must not match just for being tables.
 */
function dataToken(raw: readonly RawToken[], start: number, end: number): string {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const text = raw[i]!.text;
    for (let c = 0; c < text.length; c++) hash = Math.imul(hash ^ text.charCodeAt(c), 0x01000193);
    hash = Math.imul(hash ^ 0x20, 0x01000193);
  }
  return `$lits#${(hash >>> 0).toString(36)}`;
}

/** Line starts, to turn offsets into 0-based line and column (the code's breaks are LF only by now). */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - (starts[lo] ?? 0) };
}

/** Where the types are: [start, end) offsets of type nodes, and of the `!` of non-null assertions. */
function typeSpans(code: string): { spans: [number, number][]; bangs: Set<number> } {
  const source = ts.createSourceFile("submission.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const spans: [number, number][] = [];
  const bangs = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      spans.push([node.pos, node.end]);
      return;
    }
    if (ts.isNonNullExpression(node)) bangs.add(node.end - 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { spans, bangs };
}

/**
 * The parser is recursive: code nested thousands deep (a student's, or a prank) can overflow the stack.
 * Its tokens still count, only its types are kept then.
 */
function typeSpansOrNone(code: string): ReturnType<typeof typeSpans> {
  try {
    return typeSpans(code);
  } catch {
    return { spans: [], bangs: new Set() };
  }
}

/** The normalised tokens of `code` with each one's region; never throws, whatever the code. */
export function tokenize(source: string): TokenizedCode {
  const code = normaliseLineBreaks(source);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const starts = lineStarts(code);
  const raw: RawToken[] = [];
  // Brace depth inside each open template literal's `${ … }`, innermost last.
  const templates: number[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if (kind === K.SlashToken || kind === K.SlashEqualsToken) {
      if (previous === undefined || !ENDS_EXPRESSION.has(previous)) kind = scanner.reScanSlashToken();
    } else if (kind === K.TemplateHead) {
      templates.push(0);
    } else if (kind === K.OpenBraceToken && templates.length > 0) {
      templates[templates.length - 1]! += 1;
    } else if (kind === K.CloseBraceToken && templates.length > 0) {
      if (templates[templates.length - 1] === 0) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === K.TemplateTail) templates.pop();
      } else {
        templates[templates.length - 1]! -= 1;
      }
    }
    previous = kind;
    if (kind === K.Unknown || kind === K.ConflictMarkerTrivia) continue;
    raw.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
  }
  const { spans, bangs } = typeSpansOrNone(code);
  const inType = new Array<boolean>(raw.length).fill(false);
  let span = 0;
  spans.sort((x, y) => x[0] - y[0]);
  raw.forEach((token, i) => {
    while (span < spans.length && spans[span]![1] <= token.start) span++;
    const s = spans[span];
    if ((s && token.start >= s[0] && token.start < s[1]) || (token.kind === K.ExclamationToken && bangs.has(token.start))) inType[i] = true;
  });
  // The `:` of an annotation and the `as` of an assertion go with their type.
  for (let i = 0; i + 1 < raw.length; i++) {
    if (inType[i + 1] && !inType[i] && (raw[i]!.kind === K.ColonToken || raw[i]!.kind === K.AsKeyword)) inType[i] = true;
  }
  const tokens: string[] = [];
  const regions: TokenRegion[] = [];
  const push = (token: string, start: number, end: number): void => {
    const from = position(starts, start);
    const to = position(starts, end);
    tokens.push(token);
    regions.push({ startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column });
  };
  let truncated = false;
  for (let i = 0; i < raw.length; i++) {
    if (tokens.length >= MAX_TOKENS) {
      truncated = true;
      break;
    }
    const token = raw[i]!;
    if (DROPPED.has(token.kind) || inType[i]) continue;
    const run = literalRun(raw, i);
    if (run.literals >= MIN_LITERAL_RUN) {
      push(dataToken(raw, i, run.end), token.start, raw[run.end - 1]!.end);
      i = run.end - 1;
      continue;
    }
    const next = raw[i + 1];
    if (token.kind === K.CommaToken && next && CLOSERS.has(next.kind)) continue;
    push(normalise(token.kind, token.text, raw[i - 1]?.kind), token.start, token.end);
  }
  return { tokens, regions, truncated };
}
