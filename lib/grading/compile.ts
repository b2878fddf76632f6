/** Student TypeScript → a JavaScript module body for the sandbox, with import checks and a position map. */
import { createHash } from "node:crypto";
import ts from "typescript";
import { PositionMap } from "./source-map";

export const MAX_SOURCE_BYTES = 256 * 1024;
export const ALLOWED_MODULE = "@tensorflow/tfjs";
/** The file name student code carries in stack traces inside the sandbox. */
export const STUDENT_FILE = "student.ts";

export type CompileResult =
  | { ok: true; js: string; positions: PositionMap }
  | { ok: false; error: string };

function where(file: ts.SourceFile, pos: number): string {
  const { line, character } = file.getLineAndCharacterOfPosition(pos);
  return `line ${line + 1}, column ${character + 1}`;
}

function checkModuleName(name: string, file: ts.SourceFile, node: ts.Node): string | null {
  if (name === ALLOWED_MODULE) return null;
  return `${where(file, node.getStart(file))}: importing "${name}" is not allowed; only "${ALLOWED_MODULE}" can be imported`;
}

function hasDeclareModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/** `import type …`, `import { type A, type B } …`, `export type { … } from …`: erased, nothing loads. */
function isTypeOnlyImport(node: ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration): boolean {
  if (ts.isImportEqualsDeclaration(node)) return node.isTypeOnly;
  if (ts.isExportDeclaration(node)) return node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && allTypeOnly(node.exportClause.elements));
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && allTypeOnly(named.elements);
}

function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/**
 * Syntax that TypeScript erases, so nothing in it runs: types (annotations, `typeof require`,
 * `implements`), interfaces and type aliases, `declare` statements and `declare` class fields.
 * Each case was checked against transpileModule's output; `declare` on a method is NOT erased
 * (its body is emitted), and an expression with type arguments (`class A extends f<T>()`) is a
 * type node whose expression is emitted, so neither is skipped.
 */
function isErased(node: ts.Node): boolean {
  if (ts.isExpressionWithTypeArguments(node)) return false;
  if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isHeritageClause(node)) return node.token === ts.SyntaxKind.ImplementsKeyword;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return isTypeOnlyImport(node);
  return (ts.isStatement(node) || ts.isPropertyDeclaration(node)) && hasDeclareModifier(node);
}

/**
 * Finds imports and requires that the sandbox refuses: anything but "@tensorflow/tfjs", dynamic or not.
 * Only code that is emitted counts: type-only syntax (`declare const require: any`) is skipped.
 */
function findForbiddenImport(file: ts.SourceFile): string | null {
  let problem: string | null = null;
  const visit = (node: ts.Node, parent: ts.Node | undefined): void => {
    if (problem || isErased(node)) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      if (spec && ts.isStringLiteral(spec)) problem = checkModuleName(spec.text, file, node);
      else if (spec) problem = `${where(file, node.getStart(file))}: import paths must be plain strings`;
    } else if (ts.isImportEqualsDeclaration(node)) {
      problem = `${where(file, node.getStart(file))}: "import … = require(…)" is not allowed; use "import * as tf from '${ALLOWED_MODULE}'"`;
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      problem = `${where(file, node.getStart(file))}: dynamic import() is not allowed`;
    } else if (ts.isMetaProperty(node)) {
      problem = `${where(file, node.getStart(file))}: import.meta is not available`;
    } else if (ts.isIdentifier(node) && node.text === "require" && !isPropertyName(node, parent)) {
      problem = `${where(file, node.getStart(file))}: require is not available; use "import * as tf from '${ALLOWED_MODULE}'"`;
    }
    ts.forEachChild(node, (child) => visit(child, node));
  };
  visit(file, undefined);
  return problem;
}

/** Parent pointers are not set in the parse transpileModule makes, so the walk passes the parent. */
function isPropertyName(node: ts.Identifier, parent: ts.Node | undefined): boolean {
  if (parent === undefined) return false;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isMethodDeclaration(parent) && parent.name === node) ||
    (ts.isPropertyDeclaration(parent) && parent.name === node)
  );
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: false,
  removeComments: false,
};

/** Compile results by source hash: "Run" then "Submit" of the same code compiles once. */
const CACHE_ENTRIES = 128;
const cache = new Map<string, CompileResult>();

/**
 * Transpiles without type checking; refuses oversize sources, syntax errors and forbidden imports.
 * One parse: the import check walks the tree transpileModule parses, from a "before" transformer.
 * Results are cached by content (least recently used dropped first); they are never mutated.
 */
export function compileStudentSource(source: string): CompileResult {
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes > MAX_SOURCE_BYTES) {
    return { ok: false, error: `The file is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_SOURCE_BYTES / 1024} KB.` };
  }
  const key = createHash("sha256").update(source).digest("base64");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = compileUncached(source);
  cache.set(key, result);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? key);
  return result;
}

/**
 * The student's source followed by trusted harness source (the model or series harness), as one
 * module. Each part is compiled on its own: a student file that does not parse (a missing last "}")
 * is reported at the student's own line, never somewhere in the harness it would otherwise run into,
 * and positions map only into the student's lines (a harness frame maps to no position).
 */
export function compileWithHarness(source: string, harness: string): CompileResult {
  const student = compileStudentSource(source);
  if (!student.ok || harness.trim() === "") return student;
  const appended = compileStudentSource(harness);
  if (!appended.ok) throw new Error(`internal: the grading harness does not compile: ${appended.error}`);
  return { ok: true, js: `${student.js}\n${appended.js}`, positions: student.positions };
}

/** Empties the compile cache (benchmarks measure uncached compiles with it). */
export function clearCompileCache(): void {
  cache.clear();
}

function compileUncached(source: string): CompileResult {
  let file: ts.SourceFile | null = null;
  let forbidden: string | null = null;
  const check: ts.TransformerFactory<ts.SourceFile> = () => (sf) => {
    file = sf;
    forbidden = findForbiddenImport(sf);
    return sf;
  };
  const out = ts.transpileModule(source, {
    fileName: STUDENT_FILE,
    reportDiagnostics: true,
    compilerOptions: COMPILER_OPTIONS,
    transformers: { before: [check] },
  });
  const parsed: ts.SourceFile | null = file;
  if (parsed === null) return { ok: false, error: "internal: the source was not transformed" };
  const syntax = (out.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const at = syntax.start === undefined ? "" : ` at ${where(parsed, syntax.start)}`;
    return { ok: false, error: `Syntax error${at}: ${ts.flattenDiagnosticMessageText(syntax.messageText, "\n")}` };
  }
  if (forbidden !== null) return { ok: false, error: forbidden };
  if (!out.sourceMapText) return { ok: false, error: "internal: no source map produced" };
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  return { ok: true, js, positions: new PositionMap(out.sourceMapText) };
}
