/** Reading a package folder's files, as a version holds them: its top-level files, by name. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The files of a package folder (its top level: what a version holds), by name. */
export function readPackageFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(/* turbopackIgnore: true */ dir, name);
    if (statSync(file).isFile()) files[name] = readFileSync(file, "utf8");
  }
  return files;
}
