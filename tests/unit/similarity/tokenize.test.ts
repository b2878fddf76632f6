import { describe, expect, it } from "vitest";
import { linesOf } from "@/lib/similarity/fragment-lines";
import { MAX_TOKENS, tokenize } from "@/lib/similarity/tokenize";

/** The source text a token's region points at. */
function textAt(code: string, r: { startLine: number; startColumn: number; endLine: number; endColumn: number }): string {
  const lines = code.split("\n");
  if (r.startLine === r.endLine) return lines[r.startLine]!.slice(r.startColumn, r.endColumn);
  return [lines[r.startLine]!.slice(r.startColumn), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine]!.slice(0, r.endColumn)].join("\n");
}

describe("tokenize", () => {
  it("gives renamed, reformatted and commented copies the same tokens", () => {
    const original = "export function total(xs: number[]): number {\n  let sum = 0;\n  for (const x of xs) sum += x;\n  return sum;\n}\n";
    const copy = "// my own work\nexport function total(values: number[]): number\n{\n    let acc = 0\n    for (const v of values) { acc += v }  /* add */\n    return acc\n}";
    expect(tokenize(copy).tokens).toEqual(tokenize(original).tokens);
  });

  it("keeps API names (members, well-known globals) and normalises locals and literals by kind", () => {
    const { tokens } = tokenize("const y = tf.tidy(() => Math.exp(x).mul(2, 'a', `t${z}`, /re/g));");
    expect(tokens).toEqual([
      "$decl", "$id", "=", "tf", ".", "tidy", "(", "(", ")", "=>", "Math", ".", "exp", "(", "$id", ")", ".", "mul",
      "(", "$num", ",", "$str", ",", "$tpl", "$id", "$tpl", ",", "$re", ")", ")",
    ]);
  });

  it("treats a contextual keyword used as a name (out, from, type) as a name, and `for`/`while` as one loop token", () => {
    expect(tokenize("let out = from + type; while (out) out--;").tokens).toEqual(tokenize("let a = b + c; for (a) a--;").tokens);
  });

  it("drops TypeScript's types, so a JavaScript solution and its typed copy give the same tokens", () => {
    const js = "export const f = (xs, n) => {\n  const first = xs[0];\n  return n > 0 ? first : xs.map((x) => x * n);\n};";
    const ts = "interface Row { v: number }\ntype Rows = Row[];\nexport const f = (xs: number[], n: number): number | number[] => {\n  const first = xs[0]! as number;\n  return n > 0 ? first : xs.map((x: number): number => x * n);\n};";
    expect(tokenize(ts).tokens).toEqual(tokenize(js).tokens);
    // The conditional's `:` is not a type's.
    expect(tokenize(js).tokens).toContain(":");
  });

  it("divides after an expression and reads a regular expression elsewhere", () => {
    expect(tokenize("a / b / c").tokens).toEqual(["$id", "/", "$id", "/", "$id"]);
    expect(tokenize("x = /b/g.test(s)").tokens).toEqual(["$id", "=", "$re", ".", "test", "(", "$id", ")"]);
  });

  it("maps every token back to its text in the code (0-based lines and columns)", () => {
    const code = "function f(a) {\n  return a * 2; // double\n}\nconst s = `x\n${f(1)}`;\n";
    const { tokens, regions } = tokenize(code);
    expect(regions).toHaveLength(tokens.length);
    const texts = regions.map((r) => textAt(code, r));
    expect(texts).toEqual(["function", "f", "(", "a", ")", "return", "a", "*", "2", "const", "s", "=", "`x\n${", "f", "(", "1", ")", "}`"]);
  });

  it("never throws on broken code: a syntax error is just tokens", () => {
    for (const broken of ["function (((", "const x = `unterminated ${", "/* open comment", "'open string", "@@@ # \u0000 }}}", ""]) {
      expect(() => tokenize(broken)).not.toThrow();
    }
    expect(tokenize("if (x { y(").tokens).toEqual(["if", "(", "$id", "$id", "("]);
    // Deep enough to overflow a recursive parser's stack: the tokens still come (up to MAX_TOKENS).
    expect(tokenize(`${"(".repeat(100_000)}x: number${")".repeat(100_000)}`)).toMatchObject({ tokens: { length: MAX_TOKENS }, truncated: true });
  });

  it("a comma-separated run of literals is one token: a hard-coded data array is not thousands of equal tokens", () => {
    const data = `const data = [${Array.from({ length: 5000 }, (_, i) => (i % 3 ? i * 7 : -i)).join(", ")}];\nconsole.log(data);`;
    const { tokens, regions } = tokenize(data);
    expect(tokens).toEqual(["$decl", "$id", "=", "[", expect.stringMatching(/^\$lits#/), "]", "console", ".", "log", "(", "$id", ")"]);
    // The run's token depends on its values (a copied table matches, another table does not), not on spacing.
    expect(tokenize(data.replaceAll(", ", ",")).tokens[4]).toBe(tokens[4]);
    expect(tokenize(data.replace("[0, 7,", "[0, 8,")).tokens[4]).not.toBe(tokens[4]);
    // A table of short rows is one run too.
    const table = `const t = [${Array.from({ length: 100 }, (_, i) => `[${i}, ${i + 1}]`).join(", ")}];`;
    expect(tokenize(table).tokens).toEqual(["$decl", "$id", "=", "[", expect.stringMatching(/^\$lits#/), "]"]);
    // The run's region covers the whole run, on the line it is on.
    expect(regions[4]).toMatchObject({ startLine: 0, endLine: 0, startColumn: "const data = [".length });
    // A short list keeps its tokens.
    expect(tokenize("f(1, 2, 3)").tokens).toEqual(["$id", "(", "$num", ",", "$num", ",", "$num", ")"]);
  });

  it("counts a lone CR, CRLF and LF as line breaks, as the pair view numbers its lines", () => {
    const code = "let a = 1\rlet b = 2\r\nlet c = 3\nlet d = 4";
    const { tokens, regions } = tokenize(code);
    const lines = linesOf(code);
    const declarations = regions.filter((_, i) => tokens[i] === "$decl");
    expect(declarations.map((region) => region.startLine)).toEqual([0, 1, 2, 3]);
    declarations.forEach((region) => expect(lines[region.startLine]!.slice(region.startColumn, region.endColumn)).toBe("let"));
  });
});
