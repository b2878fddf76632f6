/**
 * Imports a TypeScript module at run time, afresh on each call (an edited file is a new module),
 * through tsx's scoped loader: it works the same in the Next.js server, scripts, grader children and
 * tests, without registering a loader for the rest of the process.
 */
export async function importTypeScript(file: string): Promise<unknown> {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(file, { parentURL: import.meta.url });
}
