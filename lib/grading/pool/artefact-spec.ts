/**
 * In a grader child: turns an exercise version's artefact into the GradingSpec it grades with,
 * verified against its hashes first and cached by version. The module is written to the child's
 * private folder (./artefact-folder.ts), imported, and deleted: the exercise itself comes only from
 * the artefact, never from this machine's `exercises/`.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { artefactLabel, verifyArtefact, type GradingArtefact } from "../artefact";
import type { GradingSpec } from "../spec";

const specs = new Map<string, Promise<GradingSpec>>();

function isSpecModule(mod: unknown): mod is { gradingSpec: (files: Record<string, string>) => GradingSpec } {
  return typeof mod === "object" && mod !== null && "gradingSpec" in mod && typeof mod.gradingSpec === "function";
}

async function load(artefact: GradingArtefact, folder: string): Promise<GradingSpec> {
  const file = path.join(folder, `${artefact.exerciseId}-${artefact.moduleHash}.mjs`);
  writeFileSync(file, artefact.module);
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
  if (!isSpecModule(mod)) throw new Error("its module does not export gradingSpec");
  const spec = mod.gradingSpec(artefact.files);
  if (spec.exercise.id !== artefact.exerciseId) throw new Error(`its exercise.ts declares the id "${spec.exercise.id}"`);
  return spec;
}

/** The spec of an artefact; a retryable failure naming the exercise and version when it cannot be loaded. */
export function getArtefactSpec(artefact: GradingArtefact, folder: string): Promise<GradingSpec> {
  try {
    // Every job, not only the first of a version: what is graded is what the submission names.
    verifyArtefact(artefact);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const key = `${artefact.exerciseId}@${artefact.version}:${artefact.moduleHash}`;
  let spec = specs.get(key);
  if (!spec) {
    spec = load(artefact, folder).catch((error: unknown) => {
      specs.delete(key);
      throw new Error(`${artefactLabel(artefact)} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
    });
    specs.set(key, spec);
  }
  return spec;
}
