/**
 * Builds an exercise version's module: its `exercise.ts` from the version's stored files, with the
 * lib/ helpers it imports bundled in, packages left external, and an entry that turns the export into
 * a GradingSpec. The package files are immutable per version; the bundled lib helpers follow the
 * deployed code: every sync builds the current version again and stores the new module when its hash
 * differs (lib/exercises/sync.ts), so a fix to a shared helper reaches the next grading and regrade.
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importTypeScript } from "./import-typescript";
import type { Plugin } from "esbuild";
import { hashModule } from "../grading/artefact";

const PACKAGE_NAMESPACE = "tensorgrade-package";
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs"];

/** The checkout this file is in, found like the grader pool finds it (lib/grading/pool/pool.ts). */
function sourceRoot(): string | null {
  try {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  } catch {
    return null;
  }
}

/**
 * The repository root that exercise files' `../../lib/…` imports point at: this file's checkout, so a
 * worker or script started from any directory builds the same module. Only when this file is bundled
 * (the Next.js server, where import.meta.url may name a build chunk) is it the app's own directory.
 */
function repoRoot(): string {
  const fromSource = sourceRoot();
  if (fromSource !== null && existsSync(path.join(fromSource, "lib", "exercises", "grading-spec.ts"))) return fromSource;
  return path.resolve(/* turbopackIgnore: true */ process.cwd());
}

/**
 * Imports inside the package folder come from the stored files, never from this machine's disk; the
 * others (lib/ helpers, relative or absolute) resolve from the repository root, which exists even when
 * the package's folder does not.
 */
function packageFiles(root: string, packageDir: string, files: Record<string, string>): Plugin {
  return {
    name: "tensorgrade-package-files",
    setup(build) {
      build.onResolve({ filter: /^(\.\.?)?\// }, async (args) => {
        if (args.pluginData === PACKAGE_NAMESPACE) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        // A version holds the package's top-level files only: a subfolder would be read from this disk.
        if (path.dirname(target) !== packageDir && target.startsWith(packageDir + path.sep)) {
          return { errors: [{ text: `${args.path}: not a file of the package (a package's files are its top-level files)` }] };
        }
        if (path.dirname(target) !== packageDir) {
          const resolved = await build.resolve(target, { kind: args.kind, resolveDir: root, pluginData: PACKAGE_NAMESPACE });
          return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, external: resolved.external, namespace: resolved.namespace };
        }
        const name = EXTENSIONS.map((ext) => path.basename(target) + ext).find((candidate) => files[candidate] !== undefined);
        if (name === undefined) return { errors: [{ text: `${args.path}: not a file of the package` }] };
        return { path: path.join(packageDir, name), namespace: PACKAGE_NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: PACKAGE_NAMESPACE }, (args) => ({
        contents: files[path.basename(args.path)] ?? "",
        loader: "ts",
        resolveDir: packageDir,
      }));
    },
  };
}

/**
 * Bundles a version's `exercise.ts` into one ES module exporting `gradingSpec(files)`. `packageDir` is
 * where the package's own relative imports (`../../lib/…`) resolve from: by default `exercises/<id>`
 * of this checkout, where a package is deployed; `npm run exercises:check` passes the folder it checks.
 */
export async function buildArtefactModule(
  exerciseId: string,
  files: Record<string, string>,
  options: { packageDir?: string } = {},
): Promise<{ module: string; moduleHash: string }> {
  if (files["exercise.ts"] === undefined) throw new Error(`exercise ${exerciseId}: exercise.ts is missing`);
  const { build } = await import("esbuild");
  const root = repoRoot();
  const packageDir = path.resolve(options.packageDir ?? path.join(root, "exercises", exerciseId));
  const entry = [
    `import exercise from ${JSON.stringify(path.join(packageDir, "exercise.ts"))};`,
    `import { gradingSpecFromExport } from ${JSON.stringify(path.join(root, "lib/exercises/grading-spec.ts"))};`,
    `export function gradingSpec(files) { return gradingSpecFromExport(exercise, files); }`,
  ].join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: "artefact-entry.ts", loader: "ts" },
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node24",
    packages: "external",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    plugins: [packageFiles(root, packageDir, files)],
  });
  const built = result.outputFiles[0]?.text;
  if (!built) throw new Error(`exercise ${exerciseId}: the build produced no module`);
  return { module: built, moduleHash: hashModule(built) };
}

/**
 * Imports a built module in this process (to read a stored version's tests, lib/exercises/artefacts.ts),
 * from a scratch folder that links this checkout's node_modules, removed afterwards. Graders never do
 * this: they import only what their supervisor wrote (lib/grading/pool/artefact-folder.ts).
 */
export async function importArtefactModule(module: string): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), "tensorgrade-build-"));
  try {
    symlinkSync(path.join(repoRoot(), "node_modules"), path.join(dir, "node_modules"), "dir");
    const file = path.join(dir, "artefact.mjs");
    writeFileSync(file, module);
    return await importTypeScript(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
