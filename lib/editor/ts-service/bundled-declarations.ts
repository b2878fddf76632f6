import type { DeclarationFiles } from "./files";

/**
 * The declarations baked into the worker bundle. Null in source: scripts/build-editor-worker.ts replaces this
 * module, in the bundle only, with the files lib/editor/ts-service/collect-declarations.ts gathers.
 */
export const BUNDLED_DECLARATIONS: DeclarationFiles | null = null;
