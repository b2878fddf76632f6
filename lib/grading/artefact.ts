/**
 * The artefact of one exercise version, as a grader receives it: the package's files and, for a
 * package with an `exercise.ts`, a self-contained ES module built from its `exercise.ts` (helpers from lib/ bundled in, packages such as
 * `@tensorflow/tfjs` and `zod` left to the grader's node_modules). It is addressed by `version`, the
 * content hash of the files that a submission records, and checked against it before grading. The
 * package files are immutable per version; the bundled lib helpers follow the deployed code: a sync may
 * store a new module for the same version (lib/exercises/sync.ts), so graders cache modules by
 * `moduleHash`, never by version alone.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { EXERCISE_ID } from "./exercise-id";

const artefactBase = {
  /** Kebab-case (lib/exercises/meta.ts): an id never names a path, but it is checked like one anyway. */
  exerciseId: z.string().regex(EXERCISE_ID, "exerciseId must be kebab-case"),
  /** Content hash of `files`: the version a submission names. */
  version: z.string().min(1),
  files: z.record(z.string(), z.string()),
};

/** A package with an `exercise.ts`: graded through the module built from it. */
export const ModuleArtefactSchema = z.object({
  ...artefactBase,
  format: z.literal("module").optional(),
  /** ES module source; its export `gradingSpec(files)` returns the exercise's GradingSpec. */
  module: z.string().min(1),
  /** sha256 of `module` (hex): the name of the module's file in a grader's folder. */
  moduleHash: z.string().regex(/^[0-9a-f]{64}$/, "moduleHash must be a sha256 in hex"),
});
export type ModuleArtefact = z.infer<typeof ModuleArtefactSchema>;

/**
 * A data package (`exercise.json`, optional `checks.ts`): no module at all. A grader builds its spec
 * from `files` with trusted lib code (lib/grading/authored), and checks.ts runs only in isolates.
 */
export const DataArtefactSchema = z.object({
  ...artefactBase,
  format: z.literal("data"),
  /** Absent: typed so that reading `module` of any artefact stays legal (undefined for data). */
  module: z.undefined().optional(),
  moduleHash: z.undefined().optional(),
});
export type DataArtefact = z.infer<typeof DataArtefactSchema>;

export const GradingArtefactSchema = z.union([DataArtefactSchema, ModuleArtefactSchema]);
export type GradingArtefact = ModuleArtefact | DataArtefact;

/** True for the artefact of a data package (no module to write or import). */
export function isDataArtefact(artefact: GradingArtefact): artefact is DataArtefact {
  return artefact.format === "data";
}

/** A content hash over file names and contents, independent of the order they were read in. */
export function hashPackageFiles(files: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) {
    hash.update(name).update("\0").update(files[name] ?? "").update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** sha256 of a built module (its text, or the bytes of the file it was written to). */
export function hashModule(module: string | Uint8Array): string {
  return createHash("sha256").update(module).digest("hex");
}

/** "softmax@1a2b…": how messages and caches name an artefact. */
export function artefactLabel(artefact: Pick<GradingArtefact, "exerciseId" | "version">): string {
  return `exercise ${artefact.exerciseId} version ${artefact.version}`;
}

/** Throws unless the files hash to the version and the module (if any) to its recorded hash. */
export function verifyArtefact(artefact: GradingArtefact): void {
  const files = hashPackageFiles(artefact.files);
  if (files !== artefact.version) throw new Error(`${artefactLabel(artefact)}: its files hash to ${files}, not to the version`);
  if (isDataArtefact(artefact)) return;
  if (hashModule(artefact.module) !== artefact.moduleHash) throw new Error(`${artefactLabel(artefact)}: its module does not match its hash`);
}
