/**
 * A deterministic plagiarist, for issue 20's labelled set (tests/helpers/similarity-labelled.ts) and
 * scripts/bench-similarity.ts: disguises a solution by the transformations the issue names — renamed
 * identifiers, reformatting, comments added or removed, statements reordered, dead code inserted, loops
 * rewritten. Seeded, so the same input and seed give the same copy. The copies need not run, only look like
 * what a student would hand in.
 */
import ts from "typescript";

export type Disguise = "rename" | "reformat" | "comments" | "reorder" | "dead-code" | "loops";
export const DISGUISES: readonly Disguise[] = ["rename", "reformat", "comments", "reorder", "dead-code", "loops"];

/** mulberry32: a small seeded generator, good enough to pick edits. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(code: string, edits: Edit[]): string {
  let out = code;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile("copy.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const NAMES = ["acc", "tmp", "val", "item", "res", "cur", "buf", "arr", "q", "w", "elem", "total2", "curr", "holder", "thing", "data", "xs", "ys", "vec", "mat", "cnt", "idx", "kk", "jj", "ii", "vv"];

/** Names the code declares (variables, parameters, functions, classes): what a renamer renames. */
function declared(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isBindingElement(node)) && node.name && ts.isIdentifier(node.name)) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Renames every name the code declares, consistently; names in `keep` (the exercise's API) stay. */
function rename(code: string, random: Random, keep: ReadonlySet<string>): string {
  const source = parse(code);
  const names = declared(source);
  const mapping = new Map<string, string>();
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.has(node.text) && !keep.has(node.text)) {
      const parent = node.parent;
      const isMember = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isKey = parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node;
      if (!isMember && !isKey) {
        let name = mapping.get(node.text);
        if (!name) {
          name = `${pick(random, NAMES)}${mapping.size}`;
          mapping.set(node.text, name);
        }
        const text = parent && ts.isShorthandPropertyAssignment(parent) ? `${node.text}: ${name}` : name;
        edits.push({ start: node.getStart(source), end: node.getEnd(), text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return applyEdits(code, edits);
}

/** New indentation, spacing and blank lines; semicolons at line ends dropped or kept. */
function reformat(code: string, random: Random): string {
  const indent = pick(random, ["    ", "\t", " "]);
  const dropSemicolons = random() < 0.5;
  const spaceParens = random() < 0.5;
  const out: string[] = [];
  for (const line of code.split("\n")) {
    const body = line.trimStart();
    const depth = Math.round((line.length - body.length) / 2);
    let text = body;
    if (dropSemicolons && text.endsWith(";") && !text.startsWith("for")) text = text.slice(0, -1);
    if (spaceParens) text = text.replace(/\(([^()\s])/g, "( $1").replace(/([^()\s])\)/g, "$1 )");
    out.push(text ? indent.repeat(depth) + text : "");
    if (random() < 0.15) out.push("");
  }
  return out.join("\n");
}

const COMMENTS = ["// compute the result", "// loop over the rows", "/* helper */", "// TODO: check edge cases", "// normalise", "// keep track of the running value", "// as in the lecture"];

/** Removes the comments there are and adds others. */
function comments(code: string, random: Random): string {
  const withoutBlocks = code.replace(/\/\*[\s\S]*?\*\//g, "");
  const out: string[] = [];
  for (const line of withoutBlocks.split("\n")) {
    const stripped = line.replace(/^\s*\/\/.*$/, "").replace(/\s+\/\/[^"'`]*$/, "");
    if (line.trim() !== "" && stripped.trim() === "") continue;
    if (random() < 0.3) out.push(`${stripped.match(/^\s*/)?.[0] ?? ""}${pick(random, COMMENTS)}`);
    out.push(stripped);
  }
  return out.join("\n");
}

function declaredNames(statement: ts.Statement): Set<string> {
  const names = new Set<string>();
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    names.add(statement.name.text);
  }
  return names;
}

function usedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

function assigned(statement: ts.Statement): boolean {
  return !ts.isVariableStatement(statement) && !ts.isFunctionDeclaration(statement);
}

/** Swaps adjacent statements that do not depend on each other (top-level functions, independent declarations). */
function reorder(code: string, random: Random): string {
  const source = parse(code);
  const candidates: [ts.Statement, ts.Statement][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      const list = node.statements;
      for (let i = 0; i + 1 < list.length; i++) {
        const [x, y] = [list[i]!, list[i + 1]!];
        const movable = (s: ts.Statement) => ts.isVariableStatement(s) || ts.isFunctionDeclaration(s) || (ts.isExpressionStatement(s) && ts.isSourceFile(node) === false);
        if (!movable(x) || !movable(y) || (assigned(x) && assigned(y))) continue;
        const xs = declaredNames(x);
        const ys = declaredNames(y);
        const yUses = usedNames(y);
        const xUses = usedNames(x);
        if ([...xs].some((n) => yUses.has(n)) || [...ys].some((n) => xUses.has(n))) continue;
        if (ts.isImportDeclaration(x) || ts.isImportDeclaration(y)) continue;
        candidates.push([x, y]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const edits: Edit[] = [];
  const used = new Set<ts.Statement>();
  for (const [x, y] of candidates) {
    if (used.has(x) || used.has(y) || random() < 0.2) continue;
    used.add(x);
    used.add(y);
    const xText = code.slice(x.getStart(source), x.getEnd());
    const yText = code.slice(y.getStart(source), y.getEnd());
    edits.push({ start: x.getStart(source), end: x.getEnd(), text: yText }, { start: y.getStart(source), end: y.getEnd(), text: xText });
  }
  return applyEdits(code, edits);
}

const DEAD = [
  "const unusedFlag = false;",
  "if (false) { console.log(\"debug\"); }",
  "let counter = 0; counter += 1;",
  "const scratch: number[] = [];",
  "void 0;",
  "const DEBUG = false; if (DEBUG) { console.log(\"here\"); }",
];

/** Inserts statements that do nothing before some statements of function bodies. */
function deadCode(code: string, random: Random): string {
  const source = parse(code);
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node)) {
      for (const statement of node.statements) {
        if (random() < 0.35) {
          const start = statement.getStart(source);
          const lineStart = code.lastIndexOf("\n", start - 1) + 1;
          const indent = code.slice(lineStart, start).match(/^\s*/)?.[0] ?? "";
          edits.push({ start, end: start, text: `${pick(random, DEAD)}\n${indent}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return applyEdits(code, edits);
}

function hasJump(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && n !== node) return;
    if (ts.isReturnStatement(n) || ts.isBreakStatement(n) || ts.isContinueStatement(n)) found = true;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function bodyText(code: string, source: ts.SourceFile, body: ts.Statement): string {
  const text = code.slice(body.getStart(source), body.getEnd());
  return ts.isBlock(body) ? text.slice(1, -1).trim() : text;
}

/** `for (;;)` becomes `while`, `for…of` becomes `forEach` and `forEach` becomes `for…of` (one layer per pass). */
function loops(code: string): string {
  let current = code;
  for (let pass = 0; pass < 3; pass++) {
    const source = parse(current);
    const edits: Edit[] = [];
    const visit = (node: ts.Node): void => {
      const start = node.getStart(source);
      if (ts.isForStatement(node) && node.initializer && node.condition && node.incrementor && !hasJump(node.statement)) {
        const init = current.slice(node.initializer.getStart(source), node.initializer.getEnd());
        const cond = current.slice(node.condition.getStart(source), node.condition.getEnd());
        const step = current.slice(node.incrementor.getStart(source), node.incrementor.getEnd());
        edits.push({ start, end: node.getEnd(), text: `{\n${init};\nwhile (${cond}) {\n${bodyText(current, source, node.statement)}\n${step};\n}\n}` });
        return;
      }
      // for…of and forEach swap once (a later pass would swap them back); `for (;;)` nested in loops on later passes.
      if (pass === 0 && ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer) && !hasJump(node.statement)) {
        const variable = node.initializer.declarations[0]?.name;
        if (variable) {
          const name = current.slice(variable.getStart(source), variable.getEnd());
          const list = current.slice(node.expression.getStart(source), node.expression.getEnd());
          edits.push({ start, end: node.getEnd(), text: `(${list}).forEach((${name}) => {\n${bodyText(current, source, node.statement)}\n});` });
          return;
        }
      }
      if (pass === 0 && ts.isExpressionStatement(node) && ts.isCallExpression(node.expression)) {
        const call = node.expression;
        const callee = call.expression;
        const callback = call.arguments[0];
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "forEach" && call.arguments.length === 1 && callback &&
          (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && callback.parameters.length === 1 && !hasJump(callback.body)) {
          const list = current.slice(callee.expression.getStart(source), callee.expression.getEnd());
          const name = current.slice(callback.parameters[0]!.name.getStart(source), callback.parameters[0]!.name.getEnd());
          const body = ts.isBlock(callback.body) ? bodyText(current, source, callback.body) : `${current.slice(callback.body.getStart(source), callback.body.getEnd())};`;
          edits.push({ start, end: node.getEnd(), text: `for (const ${name} of ${list}) {\n${body}\n}` });
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

/** `code` disguised by `disguises`, in the order; `keep` are names the exercise requires. */
export function disguise(code: string, disguises: readonly Disguise[], seed: number, keep: ReadonlySet<string> = new Set()): string {
  const random = seededRandom(seed);
  let out = code;
  if (disguises.includes("loops")) out = loops(out);
  if (disguises.includes("reorder")) out = reorder(out, random);
  if (disguises.includes("dead-code")) out = deadCode(out, random);
  if (disguises.includes("rename")) out = rename(out, random, keep);
  if (disguises.includes("comments")) out = comments(out, random);
  if (disguises.includes("reformat")) out = reformat(out, random);
  return out;
}

/** Names exported by the starter (the exercise's API), which a copier keeps so that the grader still finds them. */
export function exportedNames(starter: string): Set<string> {
  const names = new Set<string>();
  for (const m of starter.matchAll(/export\s+(?:async\s+)?(?:function|const|let|class|interface|type)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  return names;
}
