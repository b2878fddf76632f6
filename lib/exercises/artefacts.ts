/**
 * Exercise version artefacts: built from a version's files when it is synced, stored in
 * `exercise_versions.artefact`, and read back by the grading service so that a grader grades exactly
 * the version a submission recorded. See lib/grading/artefact.ts. The package files are immutable per
 * version; the bundled lib helpers follow the deployed code (each sync rebuilds the current version and
 * stores a module whose hash changed: lib/exercises/sync.ts).
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { exerciseVersions } from "../db/schema";
import type { GradingArtefact } from "../grading/artefact";
import { isDataPackage, readDataExercise, runAuthoredTask, type AuthoredTask, type OutlineOutput } from "../grading/authored";
import { buildArtefactModule, importArtefactModule } from "./artefact-build";
import { loadCatalogue, type LoadedExercise } from "./catalogue";
import { exercisesRoot } from "./loader";

/** What the web side needs of a version's tests to annotate a result: which are examples, and misconceptions. */
export const TestOutlineSchema = z.object({
  examples: z.array(z.object({ name: z.string() })),
  tests: z.array(z.object({ name: z.string(), misconception: z.string().optional() })),
});
export type TestOutline = z.infer<typeof TestOutlineSchema>;

export { isDataPackage };

/** The `exercise_versions.artefact` column: a built module (exercise.ts), or a data package's outline only. */
export const StoredArtefactSchema = z.union([
  z.object({
    format: z.literal(1),
    module: z.string().min(1),
    moduleHash: z.string().min(1),
    outline: TestOutlineSchema,
  }),
  z.object({
    /** 2 = a data package: no module, graders build its spec from the version's files (lib/grading/authored). */
    format: z.literal(2),
    /** Generated tests included (computed in a sandbox when the version was built). */
    outline: TestOutlineSchema,
    moduleHash: z.undefined().optional(),
  }),
]);
export type StoredArtefact = z.infer<typeof StoredArtefactSchema>;

/** Runs an authored task: in this process by default, or through a grader pool (`GraderPool.runAuthoredTask`). */
export type OutlineTaskRunner = (task: Extract<AuthoredTask, { kind: "outline" }>) => Promise<OutlineOutput>;

export interface BuildOptions {
  /** Where a data package's generators run to name its tests; default: in-process isolates. */
  runTask?: OutlineTaskRunner;
}

/** The outline of a code data package, generated tests included; throws with every problem found. */
async function dataArtefact(exerciseId: string, files: Record<string, string>, options: BuildOptions): Promise<StoredArtefact> {
  const run: OutlineTaskRunner = options.runTask ?? ((task) => runAuthoredTask(task));
  const { outline, problems } = await run({ kind: "outline", files });
  if (problems.length > 0) throw new Error(`exercise ${exerciseId}: ${problems.join("; ")}`);
  return { format: 2, outline };
}

const PackageColumnSchema = z.object({ files: z.record(z.string(), z.string()) });

/** A version as the grading service uses it: the artefact for the grader, the outline for annotation. */
export interface ExerciseArtefact {
  grading: GradingArtefact;
  outline: TestOutline;
}

/**
 * Builds the artefact of a loaded code or model package; null for a quiz (graded in the web process).
 * A data package gets no module: its outline is computed by running its generators in a sandbox.
 */
export async function buildArtefact(loaded: LoadedExercise, options: BuildOptions = {}): Promise<StoredArtefact | null> {
  const { pkg } = loaded;
  if (pkg.kind === "quiz") return null;
  if (isDataPackage(loaded.files)) return dataArtefact(pkg.exercise.id, loaded.files, options);
  const { module, moduleHash } = await buildArtefactModule(pkg.exercise.id, loaded.files);
  return { format: 1, module, moduleHash, outline: outlineOf(pkg.exercise) };
}

function outlineOf(exercise: { examples: Array<{ name: string }>; tests: Array<{ name: string; misconception?: string }> }): TestOutline {
  return {
    examples: exercise.examples.map(({ name }) => ({ name })),
    tests: exercise.tests.map(({ name, misconception }) => (misconception === undefined ? { name } : { name, misconception })),
  };
}

function specFunction(mod: unknown): (files: Record<string, string>) => unknown {
  if (typeof mod !== "object" || mod === null || !("gradingSpec" in mod) || typeof mod.gradingSpec !== "function") throw new Error("the built module does not export gradingSpec");
  const { gradingSpec } = mod;
  return (files) => gradingSpec(files) as unknown;
}
const SpecExerciseSchema = z.object({ exercise: TestOutlineSchema });

/**
 * Builds the artefact of a stored version from its files alone (no package on disk, e.g. an older
 * version): the tests' outline is read from the built module itself.
 */
export async function buildArtefactFromFiles(exerciseId: string, files: Record<string, string>, options: BuildOptions = {}): Promise<StoredArtefact> {
  if (isDataPackage(files)) {
    if (readDataExercise(files).kind === "quiz") throw new Error(`exercise ${exerciseId}: a quiz has no artefact`);
    return dataArtefact(exerciseId, files, options);
  }
  const { module, moduleHash } = await buildArtefactModule(exerciseId, files);
  const gradingSpec = specFunction(await importArtefactModule(module));
  const { exercise } = SpecExerciseSchema.parse(gradingSpec(files));
  return { format: 1, module, moduleHash, outline: outlineOf(exercise) };
}

/** The artefact of an exercise version, or null when the version is not stored or has no artefact. */
export async function findArtefact(db: Db, exerciseId: string, version: string): Promise<ExerciseArtefact | null> {
  const [row] = await db
    .select({ package: exerciseVersions.package, artefact: exerciseVersions.artefact })
    .from(exerciseVersions)
    .where(and(eq(exerciseVersions.exerciseId, exerciseId), eq(exerciseVersions.contentHash, version)))
    .limit(1);
  return row ? artefactOfVersionRow(exerciseId, version, row) : null;
}

/**
 * The artefact of a version from its `exercise_versions` columns, for a caller that read them in its own
 * query (the grading service, with the submission): null when the version has no artefact.
 */
export function artefactOfVersionRow(exerciseId: string, version: string, row: { package: unknown; artefact: unknown }): ExerciseArtefact | null {
  if (row.artefact === null || row.artefact === undefined) return null;
  const stored = StoredArtefactSchema.parse(row.artefact);
  const { files } = PackageColumnSchema.parse(row.package);
  const grading: GradingArtefact = stored.format === 2 ? { exerciseId, version, files, format: "data" } : { exerciseId, version, files, module: stored.module, moduleHash: stored.moduleHash };
  return { grading, outline: stored.outline };
}

/**
 * Like findArtefact; throws a message naming the exercise and version. A regrade (its caller) records
 * that as a failed regrade of the submission, keeping its previous result; it is not retried.
 */
export async function getArtefact(db: Db, exerciseId: string, version: string): Promise<ExerciseArtefact> {
  const found = await findArtefact(db, exerciseId, version);
  if (!found) throw new Error(`exercise ${exerciseId} version ${version} has no artefact in the database`);
  return found;
}

const fromDisk = new Map<string, Promise<GradingArtefact>>();

/**
 * The artefact of the package now in `exercises/<id>/` (built in memory, once per process): what
 * `npm run grade`, the bench and tests grade against, where no database is involved.
 */
export function artefactFromDisk(exerciseId: string, root = exercisesRoot()): Promise<GradingArtefact> {
  const key = `${root}\0${exerciseId}`;
  let artefact = fromDisk.get(key);
  if (!artefact) {
    artefact = buildFromDisk(exerciseId, root);
    artefact.catch(() => fromDisk.delete(key));
    fromDisk.set(key, artefact);
  }
  return artefact;
}

async function buildFromDisk(exerciseId: string, root: string): Promise<GradingArtefact> {
  const { exercises, failures } = await loadCatalogue(root, [exerciseId]);
  const loaded = exercises[0];
  if (!loaded) {
    const errors = failures[0]?.errors ?? [`no such exercise in ${root}`];
    throw new Error(`exercise "${exerciseId}" is invalid: ${errors.join("; ")}`);
  }
  const stored = await buildArtefact(loaded);
  if (!stored) throw new Error(`exercise "${exerciseId}" is a quiz, not a code exercise`);
  if (stored.format === 2) return { exerciseId, version: loaded.contentHash, files: loaded.files, format: "data" };
  return { exerciseId, version: loaded.contentHash, files: loaded.files, module: stored.module, moduleHash: stored.moduleHash };
}
