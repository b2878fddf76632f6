/**
 * The grading artefacts of data packages: a draft's (graded by checks and "Try as a student", never
 * stored) and a published version's (stored in exercise_versions). Their shape belongs to the grading
 * side (lib/grading/artefact.ts, lib/exercises/artefacts.ts): a data artefact carries no module, the
 * grader builds its spec from the files with trusted code.
 */
import { hashPackageFiles, type GradingArtefact } from "../grading/artefact";
import type { StoredArtefact } from "../exercises/artefacts";
import type { AuthoringSandbox, OutlineResult } from "./sandbox-port";
import type { PackageFiles } from "./types";

/** The artefact a draft's files are graded with. */
export function draftArtefact(exerciseId: string, files: PackageFiles): GradingArtefact {
  return { format: "data", exerciseId, version: hashPackageFiles(files), files } as unknown as GradingArtefact;
}

/** The artefact stored with a published version: its files' outline (generated tests included) computed in the sandbox. */
export async function versionArtefact(files: PackageFiles, sandbox: AuthoringSandbox, outline?: OutlineResult): Promise<StoredArtefact> {
  const computed = outline ?? (await sandbox.runTask({ kind: "outline", files }));
  return { format: 2, outline: computed.outline } as unknown as StoredArtefact;
}
