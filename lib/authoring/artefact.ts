/**
 * The grading artefacts of data packages: a draft's (graded by checks and "Try as a student", never
 * stored) and a published version's (stored in exercise_versions). A data artefact carries no module:
 * the grader builds its spec from the files with trusted code (lib/grading/authored).
 */
import { hashPackageFiles, type DataArtefact } from "../grading/artefact";
import { buildArtefactFromFiles, type StoredArtefact } from "../exercises/artefacts";
import type { AuthoringSandbox } from "./sandbox-port";
import type { PackageFiles } from "./types";

/** The artefact a draft's files are graded with. */
export function draftArtefact(exerciseId: string, files: PackageFiles): DataArtefact {
  return { format: "data", exerciseId, version: hashPackageFiles(files), files };
}

/** The artefact stored with a published code version: its outline (generated tests included), computed in the sandbox. */
export function versionArtefact(exerciseId: string, files: PackageFiles, sandbox: AuthoringSandbox): Promise<StoredArtefact> {
  return buildArtefactFromFiles(exerciseId, files, { runTask: (task) => sandbox.runTask(task) });
}
