/** `npm run exercises:check`: proves each package loads, its reference is right, its starter is not, its tests are stable. */
import { gradeSource } from "../grading/runner";
import type { SandboxProvider } from "../grading/sandbox/provider";
import { buildArtefactModule } from "./artefact-build";
import { readPackageFiles } from "./catalogue";
import { kindOf, type CheckTools } from "./kinds";
import { loadPackage } from "./loader";

export interface PackageCheck {
  id: string;
  ok: boolean;
  /** One line per check, passed or not. */
  lines: Array<{ ok: boolean; text: string }>;
  warnings: string[];
}

/** Runs every check that applies to the package's kind and reports each one. */
export async function checkPackage(id: string, provider: SandboxProvider, root?: string): Promise<PackageCheck> {
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
