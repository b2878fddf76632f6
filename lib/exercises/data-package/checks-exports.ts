/**
 * What `checks.ts` exports, read with the TypeScript parser: the file is authored code that the server
 * never evaluates, so its export names (which exercise.json refers to) come from its syntax alone.
 */
import ts from "typescript";
import { CHECKS_FILE } from "./schema";

/** The only module authored code may import; the sandbox provides it. */
export const CHECKS_IMPORT = "@tensorflow/tfjs";

export interface ChecksExports {
  names: Set<string>;
  /** Exports that are certainly not functions (a number, an object literal, a class…): exercise.json cannot call them. */
  notFunctions: Set<string>;
  /** "checks.ts: line 3: …" lines: syntax errors, imports other than tfjs, re-exports. */
  errors: string[];
}

function lineOf(file: ts.SourceFile, position: number): string {
  const { line, character } = file.getLineAndCharacterOfPosition(position);
  return `line ${line + 1} column ${character + 1}`;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

type Shape = "function" | "value" | "unknown";

function initializerShape(initializer: ts.Expression | undefined): Shape {
  if (initializer === undefined) return "value";
  let expression = initializer;
  while (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) expression = expression.expression;
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return "function";
  const literal =
    ts.isLiteralExpression(expression) ||
    ts.isObjectLiteralExpression(expression) ||
    ts.isArrayLiteralExpression(expression) ||
    ts.isTemplateExpression(expression) ||
    ts.isClassExpression(expression) ||
    ts.isNewExpression(expression) ||
    expression.kind === ts.SyntaxKind.TrueKeyword ||
    expression.kind === ts.SyntaxKind.FalseKeyword ||
    expression.kind === ts.SyntaxKind.NullKeyword;
  return literal ? "value" : "unknown";
}

/** What each top-level name is, as far as syntax tells (a call's result is "unknown"). */
function topLevelShapes(file: ts.SourceFile): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) shapes.set(statement.name.text, "function");
    else if ((ts.isClassDeclaration(statement) && statement.name) || ts.isEnumDeclaration(statement)) shapes.set(statement.name?.text ?? "", "value");
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) shapes.set(declaration.name.text, initializerShape(declaration.initializer));
        else {
          const found: string[] = [];
          bindingNames(declaration.name, found);
          for (const name of found) shapes.set(name, "unknown");
        }
      }
    }
  }
  return shapes;
}

/** The export names of `checks.ts` and what is wrong with its syntax, without running it. */
export function findChecksExports(source: string): ChecksExports {
  const errors: string[] = [];
  const names = new Set<string>();
  const notFunctions = new Set<string>();
  const file = ts.createSourceFile(CHECKS_FILE, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const shapes = topLevelShapes(file);
  const exportAs = (exported: string, local: string) => {
    names.add(exported);
    if (shapes.get(local) === "value") notFunctions.add(exported);
  };
  const syntax = ts.transpileModule(source, { reportDiagnostics: true, fileName: CHECKS_FILE, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  for (const diagnostic of syntax.diagnostics ?? []) {
    const where = diagnostic.start === undefined ? "" : `${lineOf(file, diagnostic.start)}: `;
    errors.push(`${CHECKS_FILE}: ${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
  }
  for (const statement of file.statements) {
    const at = `${CHECKS_FILE}: ${lineOf(file, statement.getStart(file))}`;
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      const specifier = ts.isImportDeclaration(statement) ? statement.moduleSpecifier : undefined;
      const from = specifier && ts.isStringLiteral(specifier) ? specifier.text : null;
      if (from !== CHECKS_IMPORT) errors.push(`${at}: checks.ts may import only "${CHECKS_IMPORT}"${from === null ? "" : `, not "${from}"`}`);
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier) {
        errors.push(`${at}: re-exports from another module are not allowed (checks.ts is one file)`);
        continue;
      }
      const clause = statement.exportClause;
      if (statement.isTypeOnly || !clause || !ts.isNamedExports(clause)) continue;
      for (const element of clause.elements) if (!element.isTypeOnly) exportAs(element.name.text, (element.propertyName ?? element.name).text);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      errors.push(`${at}: a default export cannot be named by exercise.json: export named functions`);
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      errors.push(`${at}: a default export cannot be named by exercise.json: export named functions`);
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) exportAs(statement.name.text, statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      const found: string[] = [];
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, found);
      for (const name of found) exportAs(name, name);
    } else if (ts.isEnumDeclaration(statement)) {
      exportAs(statement.name.text, statement.name.text);
    }
  }
  return { names, notFunctions, errors };
}
