/**
 * What the grader's isolate offers beyond the standard library (lib/grading/sandbox/harness-source.ts):
 * a console with five levels, timers that run as microtasks, and `tf` as a global (tf.min.js sets it; student code that never imports
 * "@tensorflow/tfjs" may still use it). Declared as a script so the names are global.
 */
export const SANDBOX_GLOBALS = `interface Console {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
}
declare var console: Console;
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setImmediate(callback: () => void): number;
declare function queueMicrotask(callback: () => void): void;
declare var tf: typeof import("@tensorflow/tfjs");
`;
