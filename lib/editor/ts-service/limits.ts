/**
 * The grader refuses sources over 256 KB (lib/grading/compile.ts); the editor stops checking a little above
 * that, so a pasted megabyte cannot stall the worker.
 */
export const MAX_EDITOR_SOURCE_CHARS = 300_000;

/** A file of garbage has an error per character: the editor shows the first ones, like a compiler would. */
export const MAX_DIAGNOSTICS = 200;
