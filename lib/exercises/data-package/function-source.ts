/**
 * A catalogue quiz's params or answer function as source for a data package's checks.ts: its text
 * (Function#toString), made an expression, pretty-printed, and the names it uses that it does not
 * define (helpers of exercise.ts that were not copied with it).
 */
import ts from "typescript";

/** Globals a copied function may use without a helper: the isolate has them too. */
const GLOBALS = new Set([
  "Math", "Number", "String", "Boolean", "Array", "Object", "JSON", "Infinity", "NaN", "undefined", "isFinite", "isNaN",
  "parseInt", "parseFloat", "Error", "RangeError", "TypeError", "Set", "Map", "BigInt", "Symbol", "Date", "RegExp", "globalThis",
]);

function parseExpression(text: string): ts.Expression | null {
  const file = ts.createSourceFile("f.ts", `(${text});`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  const statement = file.statements[0];
  if (diagnostics.length > 0 || file.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return null;
  let expression = statement.expression;
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return ts.isArrowFunction(expression) || ts.isFunctionExpression(expression) ? expression : null;
}

/** Names a function refers to that neither it nor the globals define. */
function freeNames(fn: ts.Expression): string[] {
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassDeclaration(node)) && node.name) declared.add(node.name.text);
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node);
      if (!isPropertyName) used.add(node.text);
    }
    if (ts.isShorthandPropertyAssignment(node)) used.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return [...used].filter((name) => !declared.has(name) && !GLOBALS.has(name)).sort();
}

export type FunctionSource = { ok: true; source: string; helpers: string[] } | { ok: false; error: string };

/** `export const <name> = <the function's source>;`, pretty-printed, and the helper names it needs. */
export function exportFunctionSource(name: string, fn: (...args: never[]) => unknown): FunctionSource {
  const text = Function.prototype.toString.call(fn);
  // A method's text (`params(rng) { … }`) is not an expression; as a function expression it is.
  const expression = parseExpression(text) ?? parseExpression(`function ${text}`);
  if (!expression) return { ok: false, error: "its source cannot be read back as a function" };
  const statement = ts.factory.createVariableStatement(
    [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
    ts.factory.createVariableDeclarationList([ts.factory.createVariableDeclaration(name, undefined, undefined, expression)], ts.NodeFlags.Const),
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const source = printer.printNode(ts.EmitHint.Unspecified, statement, expression.getSourceFile());
  return { ok: true, source, helpers: freeNames(expression) };
}
