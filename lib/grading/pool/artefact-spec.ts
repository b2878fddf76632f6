/**
 * In a grader child: turns an exercise version's artefact into the GradingSpec it grades with,
 * verified against its hashes first. The module is the file `<moduleHash>.mjs` that the supervisor
 * wrote into the child's read-only folder (./artefact-folder.ts): the child reads its bytes, checks
 * them against the hash and imports that same file only when they match. Modules are cached by their
 * hash (a version's module may be rebuilt: lib/exercises/artefacts.ts), specs by version and hash. The
 * exercise itself comes only from the artefact, never from this machine's `exercises/`. A data
 * package's artefact has no module: its spec is built from its files by trusted lib code
 * (lib/grading/authored/data-spec.ts), and its checks.ts runs only in authored sandboxes.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { artefactLabel, hashModule, isDataArtefact, verifyArtefact, type GradingArtefact } from "../artefact";
import { dataGradingSpec } from "../authored/data-spec";
import type { GradingSpec } from "../spec";
import { artefactModulePath } from "./artefact-folder";

type SpecModule = { gradingSpec: (files: Record<string, string>) => GradingSpec };

const modules = new Map<string, Promise<SpecModule>>();
const specs = new Map<string, Promise<GradingSpec>>();

function isSpecModule(mod: unknown): mod is SpecModule {
  return typeof mod === "object" && mod !== null && "gradingSpec" in mod && typeof mod.gradingSpec === "function";
}

/** Imports the module file named by the hash, only after the bytes on disk have matched it. */
async function importModule(moduleHash: string, folder: string): Promise<SpecModule> {
  const file = artefactModulePath(folder, moduleHash);
  const onDisk = readFileSync(file);
  if (hashModule(onDisk) !== moduleHash) throw new Error(`its module file ${file} does not match its hash`);
  const mod: unknown = await import(pathToFileURL(file).href);
  if (!isSpecModule(mod)) throw new Error("its module does not export gradingSpec");
  return mod;
}

function cachedModule(moduleHash: string, folder: string): Promise<SpecModule> {
  let mod = modules.get(moduleHash);
  if (!mod) {
    mod = importModule(moduleHash, folder);
    mod.catch(() => modules.delete(moduleHash));
    modules.set(moduleHash, mod);
  }
  return mod;
}

async function load(artefact: GradingArtefact, folder: string): Promise<GradingSpec> {
  const spec = isDataArtefact(artefact) ? dataGradingSpec(artefact.files) : (await cachedModule(artefact.moduleHash, folder)).gradingSpec(artefact.files);
  const file = isDataArtefact(artefact) ? "exercise.json" : "exercise.ts";
  if (spec.exercise.id !== artefact.exerciseId) throw new Error(`its ${file} declares the id "${spec.exercise.id}"`);
  return spec;
}

/** The cache key of a spec: a module artefact's spec also depends on its module. */
function specKey(artefact: GradingArtefact): string {
  return `${artefact.exerciseId}@${artefact.version}:${isDataArtefact(artefact) ? "data" : artefact.moduleHash}`;
}

/** The spec of an artefact; a failure naming the exercise and version (the grader's own) when it cannot be loaded. */
export function getArtefactSpec(artefact: GradingArtefact, folder: string): Promise<GradingSpec> {
  try {
    // Every job, not only the first of a version: what is graded is what the submission names.
    verifyArtefact(artefact);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const key = specKey(artefact);
  let spec = specs.get(key);
  if (!spec) {
    spec = load(artefact, folder).catch((error: unknown) => {
      specs.delete(key);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${artefactLabel(artefact)} cannot be loaded: ${message}`, { cause: error });
    });
    specs.set(key, spec);
  }
  return spec;
}
