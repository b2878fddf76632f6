/**
 * The TypeScript language service over an in-memory program: the student's file, the starter, the contract
 * between them and the bundled declarations. Synchronous and free of DOM or Node APIs, so the same code runs
 * in the Web Worker (lib/editor/ts-worker.ts) and in the unit tests.
 */
import ts from "typescript";
import type { TypeCompletions, TypeDiagnostic, TypeHover, TypeSignatureHelp, TypedProgramInput } from "../protocol";
import { contractFile, exportedValues, type ContractFile } from "./contract";
import { isNoise } from "./noise";
import { completionKind } from "./kinds";
import { CONTRACT_FILE, DEFAULT_LIB, SANDBOX_GLOBALS_FILE, STARTER_FILE, STUDENT_FILE, TS_LIB_DIR, type DeclarationFiles } from "./files";
import { SANDBOX_GLOBALS } from "./sandbox-globals";
import { MAX_DIAGNOSTICS } from "./limits";
import { studentMessage } from "./messages";
import { refusedImports } from "./imports";

/** Untyped JavaScript must be quiet: no strict checks, no implicit-any errors. As the grader compiles: ES2022. */
export const EDITOR_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: [DEFAULT_LIB],
  types: [],
  strict: false,
  noImplicitAny: false,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  skipLibCheck: true,
  noEmit: true,
  allowJs: false,
};

/** TypeScript's "Cannot find module": the code the editor gives an import the grader refuses. */
const CANNOT_FIND_MODULE = 2307;

/** Completions past this many get no eager `detail` (it costs a type print each); the editor asks by `completionDetails`. */
const DETAILED_COMPLETIONS = 40;
/** Completion lists are cut here: more is never useful in a popup. */
const MAX_COMPLETIONS = 1000;

interface ScriptState {
  text: string;
  version: number;
}

export interface EditorTypeService {
  update(input: TypedProgramInput): void;
  completions(position: number): TypeCompletions | null;
  completionDetails(position: number, label: string): { detail: string; documentation: string } | null;
  hover(position: number): TypeHover | null;
  signatureHelp(position: number): TypeSignatureHelp | null;
  diagnostics(): TypeDiagnostic[];
}

const text = (parts: readonly ts.SymbolDisplayPart[] | undefined): string => (parts ?? []).map((p) => p.text).join("");

function documentationOf(doc: readonly ts.SymbolDisplayPart[] | undefined, tags: readonly ts.JSDocTagInfo[] | undefined): string {
  const body = text(doc);
  const tagLines = (tags ?? []).filter((t) => t.name !== "doc").map((t) => `@${t.name}${t.text ? ` ${text(t.text)}` : ""}`);
  return [body, ...tagLines].filter((s) => s !== "").join("\n");
}

function clampPosition(position: number, length: number): number {
  if (!Number.isFinite(position)) return 0;
  return Math.max(0, Math.min(Math.trunc(position), length));
}

/** Start of the identifier that ends at `position` (what a completion replaces). */
function wordStart(code: string, position: number): number {
  let from = position;
  while (from > 0 && /[\w$]/.test(code[from - 1]!)) from -= 1;
  return from;
}

export function createEditorTypeService(declarations: DeclarationFiles): EditorTypeService {
  const scripts = new Map<string, ScriptState>();
  const setScript = (name: string, value: string | null): void => {
    const current = scripts.get(name);
    if (value === null) {
      if (current) scripts.delete(name);
      return;
    }
    if (current?.text === value) return;
    scripts.set(name, { text: value, version: (current?.version ?? 0) + 1 });
  };
  setScript(SANDBOX_GLOBALS_FILE, SANDBOX_GLOBALS);
  setScript(STUDENT_FILE, "");
  let contract: ContractFile | null = null;
  let studentExports = new Map<string, { start: number; end: number }>();
  let starterDeclarations = new Map<string, string>();

  const readAny = (name: string): string | undefined => scripts.get(name)?.text ?? declarations[name];
  const rootNames = (): string[] => [...scripts.keys(), ...Object.keys(declarations).filter((f) => f.startsWith("/__") && f.endsWith(".d.ts"))];
  const directories = new Set<string>();
  for (const name of Object.keys(declarations)) {
    for (let dir = name.slice(0, name.lastIndexOf("/")); dir.length > 0; dir = dir.slice(0, dir.lastIndexOf("/"))) directories.add(dir);
  }
  directories.add("/");

  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => EDITOR_COMPILER_OPTIONS,
    getScriptFileNames: rootNames,
    getScriptVersion: (name) => String(scripts.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => {
      const content = readAny(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: (options) => `${TS_LIB_DIR}/${ts.getDefaultLibFileName(options)}`,
    fileExists: (name) => readAny(name) !== undefined,
    readFile: (name) => readAny(name),
    directoryExists: (name) => directories.has(name.replace(/\/$/, "") || "/"),
    getDirectories: () => [],
    useCaseSensitiveFileNames: () => true,
  };
  const documents = ts.createDocumentRegistry(true, "/");
  const service = ts.createLanguageService(host, documents);

  const studentCode = (): string => scripts.get(STUDENT_FILE)?.text ?? "";
  const lineOf = (file: ts.SourceFile, position: number): number => file.getLineAndCharacterOfPosition(position).line + 1;

  function update({ code, starter }: TypedProgramInput): void {
    setScript(STUDENT_FILE, code);
    setScript(STARTER_FILE, starter);
    contract = null;
    studentExports = new Map();
    starterDeclarations = new Map();
    if (starter === null) return setScript(CONTRACT_FILE, null);
    const studentFile = ts.createSourceFile(STUDENT_FILE, code, ts.ScriptTarget.ES2022, true);
    const starterFile = ts.createSourceFile(STARTER_FILE, starter, ts.ScriptTarget.ES2022, true);
    for (const e of exportedValues(studentFile)) if (!studentExports.has(e.name)) studentExports.set(e.name, e);
    for (const e of exportedValues(starterFile)) if (!starterDeclarations.has(e.name)) starterDeclarations.set(e.name, e.declaration);
    contract = contractFile(starterFile, studentFile);
    setScript(CONTRACT_FILE, contract?.text ?? null);
  }

  function completions(position: number): TypeCompletions | null {
    const code = studentCode();
    const at = clampPosition(position, code.length);
    const result = service.getCompletionsAtPosition(STUDENT_FILE, at, { includeCompletionsWithInsertText: true, includeCompletionsForModuleExports: false });
    if (!result) return null;
    const from = result.optionalReplacementSpan?.start ?? wordStart(code, at);
    const typed = code.slice(from, at).toLowerCase();
    const names = new Set(result.entries.map((e) => e.name));
    const entries = result.entries.map((e) => (isInternalName(e, names) ? { ...e, sortText: `z${e.sortText}` } : e)).sort((a, b) => (a.sortText === b.sortText ? a.name.localeCompare(b.name) : a.sortText < b.sortText ? -1 : 1)).slice(0, MAX_COMPLETIONS);
    let detailed = 0;
    const items = entries.map((entry) => {
      const item: TypeCompletions["items"][number] = { label: entry.name, kind: completionKind(entry.kind), sortText: entry.sortText };
      if (detailed < DETAILED_COMPLETIONS && entry.name.toLowerCase().startsWith(typed)) {
        detailed += 1;
        const details = service.getCompletionEntryDetails(STUDENT_FILE, at, entry.name, undefined, entry.source, undefined, entry.data);
        if (details) {
          item.detail = oneLineSignature(text(details.displayParts));
          // tfjs's ops are `const tile: (x, reps) => T`: a function to the student, and so in the list.
          const declared = /^(class|interface|type|namespace|enum) /.exec(item.detail)?.[1];
          if (declared) item.kind = declared;
          if (item.kind === "variable" || item.kind === "constant") {
            if (/^(const|let|var) [\w$]+: <?[^:]*\(/.test(item.detail) && /\) => /.test(item.detail)) item.kind = "function";
          }
        }
      }
      return item;
    });
    return { from, items };
  }

  function completionDetails(position: number, label: string): { detail: string; documentation: string } | null {
    const at = clampPosition(position, studentCode().length);
    const details = service.getCompletionEntryDetails(STUDENT_FILE, at, label, undefined, undefined, undefined, undefined);
    if (!details) return null;
    return { detail: oneLineSignature(text(details.displayParts)), documentation: documentationOf(details.documentation, details.tags) };
  }

  function hover(position: number): TypeHover | null {
    const at = clampPosition(position, studentCode().length);
    const info = service.getQuickInfoAtPosition(STUDENT_FILE, at);
    if (!info) return null;
    return {
      from: info.textSpan.start,
      to: info.textSpan.start + info.textSpan.length,
      signature: withoutAlias(text(info.displayParts)),
      documentation: documentationOf(info.documentation, info.tags),
    };
  }

  function signatureHelp(position: number): TypeSignatureHelp | null {
    const at = clampPosition(position, studentCode().length);
    const help = service.getSignatureHelpItems(STUDENT_FILE, at, undefined);
    if (!help) return null;
    return {
      signatures: help.items.map((item) => ({
        prefix: text(item.prefixDisplayParts),
        parameters: item.parameters.map((p) => ({ label: text(p.displayParts), documentation: text(p.documentation) })),
        separator: text(item.separatorDisplayParts),
        suffix: text(item.suffixDisplayParts),
        documentation: documentationOf(item.documentation, item.tags),
      })),
      activeSignature: help.selectedItemIndex,
      activeParameter: help.argumentIndex,
    };
  }

  function toDiagnostic(file: ts.SourceFile, d: ts.Diagnostic, start: number, length: number, message: string): TypeDiagnostic {
    const severity = d.category === ts.DiagnosticCategory.Error ? "error" : d.category === ts.DiagnosticCategory.Warning ? "warning" : "info";
    return { from: start, to: start + length, line: lineOf(file, start), severity, message, code: d.code };
  }

  function contractDiagnostics(file: ts.SourceFile): TypeDiagnostic[] {
    if (!contract) return [];
    const checks = contract.checks;
    const found: TypeDiagnostic[] = [];
    for (const d of service.getSemanticDiagnostics(CONTRACT_FILE)) {
      const check = checks.find((c) => d.start !== undefined && d.start >= c.start && d.start < c.end);
      const target = check && studentExports.get(check.name);
      if (!check || !target) continue;
      const why = contractReason(d);
      const message = `"${check.name}" does not match the starter's declaration \`${starterDeclarations.get(check.name) ?? check.name}\`: ${why}`;
      found.push(toDiagnostic(file, d, target.start, target.end - target.start, message));
    }
    return found;
  }

  /** A starter export the student's file lacks: the tests call exports by name, so Run would not find it. */
  function missingExports(file: ts.SourceFile): TypeDiagnostic[] {
    if (scripts.get(STARTER_FILE) === undefined) return [];
    const missing = [...starterDeclarations.keys()].filter((name) => !studentExports.has(name));
    if (missing.length === 0) return [];
    const firstLineEnd = file.text.search(/\r?\n|$/);
    const names = missing.map((n) => `"${n}"`).join(", ");
    return [
      {
        from: 0,
        to: firstLineEnd,
        line: 1,
        severity: "warning",
        message: `The starter exports ${names}; this file does not${missing.length === 1 ? " export it" : " export them"}: the tests call exports by name.`,
        code: 0,
      },
    ];
  }

  function diagnostics(): TypeDiagnostic[] {
    const program = service.getProgram();
    const file = program?.getSourceFile(STUDENT_FILE);
    if (!file) return [];
    const syntactic = service.getSyntacticDiagnostics(STUDENT_FILE);
    const checker = program!.getTypeChecker();
    const own = syntactic.length > 0 ? syntactic : service.getSemanticDiagnostics(STUDENT_FILE).filter((d) => !isNoise(d, file, checker));
    const refused = syntactic.length > 0 ? [] : refusedImports(file);
    // TypeScript's "Cannot find module" on an import the grader refuses anyway says the same thing twice.
    const kept = own.filter((d) => d.code !== CANNOT_FIND_MODULE || !refused.some((r) => d.start !== undefined && d.start >= r.start && d.start < r.end));
    const result = kept.map((d) => toDiagnostic(file, d, d.start ?? 0, d.length ?? 0, studentMessage(d.code, ts.flattenDiagnosticMessageText(d.messageText, "\n"))));
    for (const r of refused) result.push({ from: r.start, to: r.end, line: lineOf(file, r.start), severity: "error", message: r.message, code: CANNOT_FIND_MODULE });
    if (syntactic.length === 0) result.push(...contractDiagnostics(file), ...missingExports(file));
    return result.sort((a, b) => a.from - b.from).slice(0, MAX_DIAGNOSTICS);
  }

  return { update, completions, completionDetails, hover, signatureHelp, diagnostics };
}

/**
 * The most specific line of TypeScript's explanation ("Property 'state' is missing in type '{ w; m; v }'"),
 * without the contract's loosened type that follows "but required in type" (the starter's type is quoted
 * in the message already).
 */
function contractReason(d: ts.Diagnostic): string {
  const lines = ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n").map((l) => l.trim());
  const last = lines[lines.length - 1] ?? "";
  return last.replace(/ but required in type .*$/, ".");
}

/**
 * tfjs-core exports its kernels' names (`Abs = "Abs"` beside the op `abs`) and `_`-prefixed internals: listed
 * after the API a student means.
 */
function isInternalName(entry: ts.CompletionEntry, names: Set<string>): boolean {
  if (entry.name.startsWith("_")) return true;
  return entry.kind === ts.ScriptElementKind.constElement && /^[A-Z]/.test(entry.name) && names.has(entry.name[0]!.toLowerCase() + entry.name.slice(1));
}

/** TypeScript shows a re-exported name as "(alias) const tile: …\nexport tile": the student needs the middle. */
function withoutAlias(signature: string): string {
  return signature.replace(/^\(alias\) /, "").replace(/\n(export|import) [^\n]*$/, "");
}

function oneLineSignature(signature: string): string {
  return withoutAlias(signature).replace(/\s+/g, " ").trim();
}
