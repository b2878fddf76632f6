/** `npm run exercises:check`: proves each package loads, its reference is right, its starter is not, its tests are stable. */
import { existsSync } from "node:fs";
import path from "node:path";
import { gradeSource } from "../grading/runner";
import type { SandboxProvider } from "../grading/sandbox/provider";
import { buildArtefactModule } from "./artefact-build";
import { readPackageFiles } from "./catalogue";
import { checkDataPackage, type PackageCheck } from "./data-package/check";
import { DATA_PACKAGE_FILE } from "./data-package/schema";
import { kindOf, type CheckTools } from "./kinds";
import { exercisesRoot, loadPackage } from "./loader";

export { checkDataPackage, type PackageCheck } from "./data-package/check";

/** Runs every check that applies to the package's kind and reports each one; a folder with exercise.json is a data package. */
export async function checkPackage(id: string, provider: SandboxProvider, root = exercisesRoot()): Promise<PackageCheck> {
  const dir = path.join(/* turbopackIgnore: true */ root, id);
  if (existsSync(path.join(dir, DATA_PACKAGE_FILE)) && !existsSync(path.join(dir, "exercise.ts"))) {
    return checkDataPackage(id, readPackageFiles(dir), provider, { dir });
  }
  const loaded = await loadPackage(id, root);
  if (!loaded.ok) {
    return { id, ok: false, lines: loaded.errors.map((text) => ({ ok: false, text })), warnings: loaded.warnings };
  }
  const tools: CheckTools = {
    grade: (pkg, source) => gradeSource(pkg, source, { provider }),
    bundle: async (pkg) => {
      await buildArtefactModule(pkg.exercise.id, readPackageFiles(pkg.dir), { packageDir: pkg.dir });
    },
  };
  const lines = [{ ok: true, text: "schema and prompt are valid" }, ...(await kindOf(loaded.pkg).check(loaded.pkg, tools))];
  return { id, ok: lines.every((line) => line.ok), lines, warnings: loaded.warnings };
}
