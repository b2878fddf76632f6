/**
 * Diagnostics an untyped, catalogue-valid solution would get that say nothing about a real mistake: the
 * grader accepts plain JavaScript, so the editor must not shout at it. Measured over every right solution in
 * the test corpora (scripts/bench-editor.ts); each rule names the case that needed it.
 */
import ts from "typescript";

/** Operators and property accesses on a value TypeScript could only infer as `unknown`. */
const UNKNOWN_OPERAND_CODES = new Set([2362, 2363, 2365]);
/** `'x' is of type 'unknown'`, `Object is of type 'unknown'`, `Property 'p' does not exist on type 'unknown'`. */
const UNKNOWN_MESSAGE_CODES = new Set([18046, 2571, 2339]);
/** "Type 'A' is not assignable to type 'B'" and "Argument of type 'A' is not assignable to parameter of type 'B'". */
const ASSIGNABILITY_CODES = new Set([2322, 2345]);

function tokenAt(file: ts.SourceFile, position: number): ts.Node | undefined {
  const find = (node: ts.Node): ts.Node | undefined => {
    if (position < node.getStart(file) || position >= node.getEnd()) return undefined;
    return ts.forEachChild(node, find) ?? node;
  };
  return find(file);
}

/** The expression whose value the diagnostic at `node` is about: an argument, an initializer, a returned value. */
function valueExpression(node: ts.Node): ts.Expression | undefined {
  let at: ts.Node = node;
  while (at.parent && ts.isExpression(at.parent) && at.parent.getStart() === at.getStart() && !ts.isCallExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (parent && (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) && parent.name === at) return parent.initializer;
  if (parent && ts.isShorthandPropertyAssignment(parent)) return parent.name;
  if (parent && ts.isReturnStatement(parent)) return parent.expression;
  return ts.isExpression(at) ? at : undefined;
}

/**
 * `let h = layer.apply(x)` is `Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[]`; passing it where a
 * SymbolicTensor is expected is right at run time, and only a cast would convince TypeScript. When one member
 * of a union fits, the editor cannot know the value is wrong: say nothing.
 */
function isUnionThatMayFit(checker: ts.TypeChecker, node: ts.Node): boolean {
  const expression = valueExpression(node);
  if (!expression) return false;
  const source = checker.getTypeAtLocation(expression);
  const target = checker.getContextualType(expression);
  if (!target || !source.isUnion()) return false;
  return source.types.some((member) => checker.isTypeAssignableTo(member, target));
}

/** `[...new Set(labels)].sort((a, b) => a - b)` with untyped `labels`: `a` and `b` are `unknown`. */
function isAboutUnknown(checker: ts.TypeChecker, diagnostic: ts.Diagnostic, node: ts.Node | undefined): boolean {
  if (UNKNOWN_MESSAGE_CODES.has(diagnostic.code)) return /type 'unknown'|of type 'unknown'/.test(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  if (!UNKNOWN_OPERAND_CODES.has(diagnostic.code) || !node) return false;
  // The diagnostic starts at the operand itself (`a` in `a - b`).
  return (checker.getTypeAtLocation(node).flags & ts.TypeFlags.Unknown) !== 0;
}

export function isNoise(diagnostic: ts.Diagnostic, file: ts.SourceFile, checker: ts.TypeChecker): boolean {
  if (diagnostic.start === undefined) return false;
  const node = tokenAt(file, diagnostic.start);
  if (isAboutUnknown(checker, diagnostic, node)) return true;
  return ASSIGNABILITY_CODES.has(diagnostic.code) && node !== undefined && isUnionThatMayFit(checker, node);
}
