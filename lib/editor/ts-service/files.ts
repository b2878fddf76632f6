/** The in-memory program's file names, shared by the service, the worker and the build. */

/** Bundled declarations: virtual path → text (typescript's lib files and @tensorflow/*'s .d.ts files). */
export type DeclarationFiles = Record<string, string>;

export const STUDENT_FILE = "/student.ts";
export const STARTER_FILE = "/starter.ts";
export const CONTRACT_FILE = "/__contract.ts";
export const SANDBOX_GLOBALS_FILE = "/__sandbox-globals.d.ts";
/** Where typescript's lib.*.d.ts files live in the virtual file system. */
export const TS_LIB_DIR = "/ts-lib";
/** The root of the bundled packages: `/node_modules/@tensorflow/tfjs/...`. */
export const NODE_MODULES_DIR = "/node_modules";
/**
 * The grader compiles to ES2022 and runs in a bare V8 isolate (no DOM): the same standard library here,
 * so `document` is an error in the editor as it is at Run.
 */
export const DEFAULT_LIB = "lib.es2022.d.ts";
/** The one module student code may import (lib/grading/compile.ts's ALLOWED_MODULE; not imported: it is Node code). */
export const TFJS_MODULE = "@tensorflow/tfjs";
