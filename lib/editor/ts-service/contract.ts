/**
 * The contract file: checks each export the student shares with the starter against the starter's declared
 * signature, so an untyped `adamStep` returning `{ w, m, v }` where `{ w, state }` is declared is an error on
 * the student's export name. Loosened as the grader is: results may be a Promise, arrays may come back as
 * typed arrays or tensors, numbers as scalar tensors, and either as what `arraySync()` returns (a union of
 * every rank: the grader compares shapes, the types cannot); parameters are the starter's (bivariant).
 */
import ts from "typescript";

/** A value the starter exports (a function, a const, a class): types and interfaces are not checked. */
export interface ExportedValue {
  name: string;
  /** Where the name is declared in its file. */
  start: number;
  end: number;
  /** The starter's declaration, one line, for the message. */
  declaration: string;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefaultExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

function declarationText(file: ts.SourceFile, node: ts.Node): string {
  if (ts.isFunctionDeclaration(node) && node.body) return oneLine(file.text.slice(node.getStart(file), node.body.getStart(file)));
  if (ts.isClassDeclaration(node) && node.name) return `class ${node.name.text}`;
  return oneLine(node.getText(file).split("=")[0] ?? "");
}

/** The values a module exports by name, in source order (`export function`, `export const`, `export { a }`). */
export function exportedValues(file: ts.SourceFile): ExportedValue[] {
  const found: ExportedValue[] = [];
  const add = (name: ts.Identifier | ts.ModuleExportName, declaration: string): void => {
    if (!ts.isIdentifier(name)) return;
    found.push({ name: name.text, start: name.getStart(file), end: name.getEnd(), declaration });
  };
  for (const statement of file.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && hasExportModifier(statement) && !isDefaultExport(statement)) {
      add(statement.name, declarationText(file, statement));
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name, declarationText(file, d));
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) if (!e.isTypeOnly) add(e.name, e.getText(file));
    }
  }
  return found;
}

const PRELUDE = `import type * as __Student from "./student";
import type * as __Starter from "./starter";
import type { Tensor as __Tensor } from "@tensorflow/tfjs";
type __ArraySync = ReturnType<__Tensor["arraySync"]>;
type __Loose<X> = X extends number ? number | __Tensor | __ArraySync
  : X extends readonly (infer E)[] ? ArrayLike<__Loose<E>> | Iterable<__Loose<E>> | __Tensor | __ArraySync
  : X extends (...args: any[]) => any ? X
  : X extends object ? { [K in keyof X]: __Loose<X[K]> }
  : X;
type __Expected<F> = F extends (...args: infer A) => infer R ? (...args: A) => __Loose<Awaited<R>> | Promise<__Loose<Awaited<R>>> : __Loose<F>;
`;

export interface ContractFile {
  text: string;
  /** Each checked export's span in the contract file, to map its errors onto the student's name. */
  checks: { name: string; start: number; end: number }[];
}

/** The contract for the names both files export; null when there is nothing to check. */
export function contractFile(starter: ts.SourceFile, student: ts.SourceFile): ContractFile | null {
  const studentNames = new Set(exportedValues(student).map((e) => e.name));
  const shared = exportedValues(starter).filter((e) => studentNames.has(e.name));
  if (shared.length === 0) return null;
  let text = PRELUDE;
  const checks: ContractFile["checks"] = [];
  for (const { name } of shared) {
    const line = `export const __check_${name}: __Expected<typeof __Starter.${name}> = null as unknown as typeof __Student.${name};\n`;
    checks.push({ name, start: text.length, end: text.length + line.length });
    text += line;
  }
  return { text, checks };
}
