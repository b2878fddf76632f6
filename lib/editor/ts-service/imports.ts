/**
 * The imports the grader refuses (lib/grading/compile.ts): every module but "@tensorflow/tfjs" exactly, even one
 * the bundle resolves (`@tensorflow/tfjs-core` and the other packages tfjs re-exports), `import … = require(…)`
 * and dynamic `import()`. Type-only imports are erased before Run and pass, as they do at the grader. The
 * messages are the grader's, without its "line N, column M:" (the mark is on the import).
 */
import ts from "typescript";
import { TFJS_MODULE } from "./files";

export interface RefusedImport {
  start: number;
  end: number;
  message: string;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration): boolean {
  if (ts.isImportEqualsDeclaration(node)) return node.isTypeOnly;
  const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  if (ts.isExportDeclaration(node)) return node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && allTypes(node.exportClause.elements));
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  return clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && allTypes(clause.namedBindings.elements);
}

export function refusedImports(file: ts.SourceFile): RefusedImport[] {
  const found: RefusedImport[] = [];
  const refuse = (node: ts.Node, message: string) => found.push({ start: node.getStart(file), end: node.getEnd(), message });
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      if (spec && !isTypeOnly(node) && ts.isStringLiteral(spec) && spec.text !== TFJS_MODULE) {
        refuse(node, `Importing "${spec.text}" is not allowed; only "${TFJS_MODULE}" can be imported.`);
      }
    } else if (ts.isImportEqualsDeclaration(node) && !isTypeOnly(node) && ts.isExternalModuleReference(node.moduleReference)) {
      refuse(node, `"import … = require(…)" is not allowed; use "import * as tf from '${TFJS_MODULE}'".`);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      refuse(node, "Dynamic import() is not allowed.");
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
