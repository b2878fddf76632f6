/**
 * Node only (the build and the unit tests): gathers the declaration files the editor's program needs from
 * node_modules, so nothing is fetched at run time. Exactly what the compiler reaches from
 * `import * as tf from "@tensorflow/tfjs"` with the grader's standard library, found by building that program
 * once over the real file system; plus empty interfaces for the few DOM types tfjs's declarations name
 * (WebGLTexture, HTMLImageElement, …), so they resolve without bringing lib.dom's globals (no value, no
 * callable `fetch`) into student code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { DEFAULT_LIB, NODE_MODULES_DIR, TS_LIB_DIR, type DeclarationFiles } from "./files";
import { SANDBOX_GLOBALS } from "./sandbox-globals";

export const DOM_SHIMS_FILE = "/__dom-shims.d.ts";
const PROBE_NAME = "__declarations-probe.ts";
const UNRESOLVED_NAME_CODES = new Set([2304, 2552, 2503, 2583]);
const PACKAGE_JSON_FIELDS = ["name", "version", "types", "typings", "main"] as const;

function probeProgram(root: string, extraRoots: Record<string, string>): ts.Program {
  const probe = path.join(root, PROBE_NAME);
  const extras = new Map(Object.entries(extraRoots).map(([name, text]) => [path.join(root, name), text]));
  const host = ts.createCompilerHost({});
  const readReal = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => {
    if (file === probe) return ts.createSourceFile(file, 'import * as tf from "@tensorflow/tfjs";\nexport { tf };\n', language);
    const extra = extras.get(file);
    if (extra !== undefined) return ts.createSourceFile(file, extra, language);
    return readReal(file, language);
  };
  const realExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || extras.has(file) || realExists(file);
  const options: ts.CompilerOptions = {
    lib: [DEFAULT_LIB],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    types: [],
    noEmit: true,
  };
  return ts.createProgram([probe, ...extras.keys()], options, host);
}

function virtualPath(realFile: string, libDir: string, nodeModules: string): string | null {
  if (path.dirname(realFile) === libDir) return `${TS_LIB_DIR}/${path.basename(realFile)}`;
  const rel = path.relative(nodeModules, realFile);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return `${NODE_MODULES_DIR}/${rel.split(path.sep).join("/")}`;
}

/** The package folder (`@scope/name` or `name`) a node_modules-relative path lies in. */
function packageOf(rel: string): string {
  const parts = rel.split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function trimmedPackageJson(file: string): string {
  const full = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of PACKAGE_JSON_FIELDS) if (full[field] !== undefined) kept[field] = full[field];
  return JSON.stringify(kept);
}

function unresolvedNames(program: ts.Program): string[] {
  const names = new Set<string>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.includes("node_modules")) continue;
    for (const d of program.getSemanticDiagnostics(file)) {
      if (!UNRESOLVED_NAME_CODES.has(d.code)) continue;
      const name = /'([A-Za-z_$][\w$]*)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, " "))?.[1];
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * Empty interfaces for the browser types tfjs's declarations mention, and nothing else: a value (tfjs names
 * `fetch`) stays unresolved (`any` inside tfjs, skipLibCheck), so `fetch("…")` in student code is the error it
 * is at Run, where the sandbox has no fetch. An empty interface only types; it calls or constructs nothing.
 */
function domShims(names: string[]): string {
  const lines = ["// Browser types named by @tensorflow/tfjs's declarations: opaque here (the grader has no DOM)."];
  for (const name of names) if (/^[A-Z]/.test(name)) lines.push(`interface ${name} {}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The declaration files as virtual path → text, sorted by path (the bundle is deterministic).
 * `root` is the project folder whose node_modules holds typescript and @tensorflow/tfjs.
 */
export function collectDeclarations(root: string): DeclarationFiles {
  const nodeModules = path.join(root, "node_modules");
  const libDir = path.dirname(ts.getDefaultLibFilePath({}));
  const first = probeProgram(root, {});
  const shims = domShims(unresolvedNames(first));
  const program = probeProgram(root, { "__dom-shims.d.ts": shims, "__sandbox-globals.d.ts": SANDBOX_GLOBALS });
  const files: DeclarationFiles = { [DOM_SHIMS_FILE]: shims };
  const packages = new Set<string>();
  for (const file of program.getSourceFiles()) {
    const virtual = virtualPath(file.fileName, libDir, nodeModules);
    if (virtual === null || !file.fileName.endsWith(".d.ts")) continue;
    files[virtual] = file.text;
    if (virtual.startsWith(`${NODE_MODULES_DIR}/`)) packages.add(packageOf(virtual.slice(NODE_MODULES_DIR.length + 1)));
  }
  for (const pkg of packages) {
    files[`${NODE_MODULES_DIR}/${pkg}/package.json`] = trimmedPackageJson(path.join(nodeModules, pkg, "package.json"));
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
