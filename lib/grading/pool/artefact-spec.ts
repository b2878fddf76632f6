/**
 * In a grader child: turns an exercise version's artefact into the GradingSpec it grades with,
 * verified against its hashes first and cached by version. The module is written to a private
 * temporary folder whose node_modules points at this installation's packages, then imported: the
 * exercise itself comes only from the artefact, never from this machine's `exercises/`.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { artefactLabel, verifyArtefact, type GradingArtefact } from "../artefact";
import type { GradingSpec } from "../spec";

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules");

const specs = new Map<string, Promise<GradingSpec>>();
let folder: string | null = null;

function artefactFolder(): string {
  if (folder === null) {
    const created = mkdtempSync(path.join(tmpdir(), "tensorgrade-artefacts-"));
    symlinkSync(NODE_MODULES, path.join(created, "node_modules"), "dir");
    process.once("exit", () => rmSync(created, { recursive: true, force: true }));
    folder = created;
  }
  return folder;
}

function isSpecModule(mod: unknown): mod is { gradingSpec: (files: Record<string, string>) => GradingSpec } {
  return typeof mod === "object" && mod !== null && "gradingSpec" in mod && typeof mod.gradingSpec === "function";
}

async function load(artefact: GradingArtefact): Promise<GradingSpec> {
  const file = path.join(artefactFolder(), `${artefact.exerciseId}-${artefact.moduleHash}.mjs`);
  writeFileSync(file, artefact.module);
  const mod: unknown = await import(pathToFileURL(file).href);
  if (!isSpecModule(mod)) throw new Error("its module does not export gradingSpec");
  const spec = mod.gradingSpec(artefact.files);
  if (spec.exercise.id !== artefact.exerciseId) throw new Error(`its exercise.ts declares the id "${spec.exercise.id}"`);
  return spec;
}

/** The spec of an artefact; a retryable failure naming the exercise and version when it cannot be loaded. */
export function getArtefactSpec(artefact: GradingArtefact): Promise<GradingSpec> {
  try {
    // Every job, not only the first of a version: what is graded is what the submission names.
    verifyArtefact(artefact);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const key = `${artefact.exerciseId}@${artefact.version}:${artefact.moduleHash}`;
  let spec = specs.get(key);
  if (!spec) {
    spec = load(artefact).catch((error: unknown) => {
      specs.delete(key);
      throw new Error(`${artefactLabel(artefact)} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
    });
    specs.set(key, spec);
  }
  return spec;
}
