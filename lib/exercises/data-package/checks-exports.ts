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

/** The export names of `checks.ts` and what is wrong with its syntax, without running it. */
export function findChecksExports(source: string): ChecksExports {
  const errors: string[] = [];
  const names = new Set<string>();
  const file = ts.createSourceFile(CHECKS_FILE, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
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
      if (clause && ts.isNamedExports(clause)) for (const element of clause.elements) names.add(element.name.text);
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
      if (statement.name) names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      const found: string[] = [];
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, found);
      for (const name of found) names.add(name);
    } else if (ts.isEnumDeclaration(statement)) {
      names.add(statement.name.text);
    }
  }
  return { names, errors };
}
