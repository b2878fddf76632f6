import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Everything a client can reach in the app, found on disk: each page, each exported HTTP method of each
 * route handler, and each exported server action. The access matrices are checked against these lists, so a
 * page, route, method or action added later fails a test until it has an entry.
 * Plain file reading only: the Playwright side imports this too, and must not load server code.
 */

const APP = path.resolve("app");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

function walk(dir: string, fileName: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full, fileName);
      return name === fileName ? [full] : [];
    });
}

/** Private folders ("_name") are not routed. */
function isRouted(file: string): boolean {
  return !path.relative(APP, file).split(path.sep).some((segment) => segment.startsWith("_"));
}

/** The URL pattern of a file's folder, e.g. /courses/[slug]/manage; route groups "(name)" are left out. */
export function patternOf(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return "/" + segments.join("/");
}

/** Every page's URL pattern. */
export function discoverPages(): string[] {
  return walk(APP, "page.tsx").filter(isRouted).map(patternOf);
}

/** The HTTP methods a route file exports: `export const GET`, `export async function POST`, `export { handler as GET }`. */
export function exportedMethods(source: string): HttpMethod[] {
  const named = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) named.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) named.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => named.has(method));
}

/** Every "METHOD /pattern" a route handler answers. */
export function discoverRoutes(): string[] {
  return walk(APP, "route.ts")
    .filter(isRouted)
    .flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${patternOf(file)}`));
}

/** The names of the functions an actions.ts file exports (its server actions). */
export function exportedFunctions(source: string): string[] {
  const names = [...source.matchAll(/export\s+(?:async\s+)?(?:function\s*\*?|const|let)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && !name.startsWith("type ")) names.push(name);
    }
  }
  return names;
}

/** Every server action as "app/<folder>/actions.ts#<export>". */
export function discoverActions(): string[] {
  return walk(APP, "actions.ts").flatMap((file) => {
    const relative = path.relative(path.dirname(APP), file).split(path.sep).join("/");
    return exportedFunctions(readFileSync(file, "utf8")).map((name) => `${relative}#${name}`);
  });
}

/** Entries the app has and the matrix lacks, and matrix entries the app no longer has. */
export function compareWithMatrix(found: string[], matrixKeys: string[]): { missing: string[]; stale: string[] } {
  const known = new Set(matrixKeys);
  const present = new Set(found);
  return { missing: found.filter((key) => !known.has(key)), stale: matrixKeys.filter((key) => !present.has(key)) };
}
