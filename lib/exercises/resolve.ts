/**
 * The one way lib finds the exercise a course member meets: a repository catalogue exercise (this
 * process's loaded catalogue) or a course's own published exercise (its version's files from the
 * database, parsed as a data package). Another course's exercise does not exist here. A quiz whose
 * params and answers are authored code is specialised per seed through the sandbox before use.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getAuthoringSandbox, type AuthoringSandbox } from "./authoring-sandbox";
import { parseDataPackage } from "./data-package/parse";
import { specialiseQuiz } from "./data-package/specialise";
import type { Db } from "../db";
import { exerciseVersions, exercises } from "../db/schema";
import { hashPackageFiles } from "../grading/artefact";
import type { LoadedExercise } from "./catalogue";
import type { AnyPackage } from "./package";
import { findLoadedExercise } from "./registry";

const PackageColumnSchema = z.object({ files: z.record(z.string(), z.string()) });

/** A small LRU: versions and quiz variants are immutable, so entries never go stale, only out of room. */
class Bounded<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

const versions = new Bounded<Promise<LoadedExercise | null>>(200);
const quizzes = new Bounded<Promise<AnyPackage>>(2000);

/**
 * The exercise `exerciseId` as course `courseId` meets it: a catalogue exercise (the loaded one), or
 * this course's own exercise at `version` (default: its current version). Null when it does not exist,
 * is not published, or belongs to another course.
 */
export async function findExerciseForCourse(db: Db, courseId: string, exerciseId: string, version?: string | null): Promise<LoadedExercise | null> {
  const [row] = await db.select({ courseId: exercises.courseId, currentVersion: exercises.currentVersion }).from(exercises).where(eq(exercises.id, exerciseId)).limit(1);
  if (!row || row.courseId === null) return findLoadedExercise(exerciseId);
  if (row.courseId !== courseId) return null;
  return loadCourseVersion(db, exerciseId, version ?? row.currentVersion);
}

/**
 * An exercise at a version a stored submission (or a regrade) names, whatever its course: the caller
 * holds a row that was checked when it was written. Catalogue exercises come from the loaded catalogue.
 */
export async function findExerciseVersion(db: Db, exerciseId: string, version: string): Promise<LoadedExercise | null> {
  const [row] = await db.select({ courseId: exercises.courseId }).from(exercises).where(eq(exercises.id, exerciseId)).limit(1);
  if (!row || row.courseId === null) return findLoadedExercise(exerciseId);
  return loadCourseVersion(db, exerciseId, version);
}

/** A course exercise's published version parsed from its stored files, cached by version. */
function loadCourseVersion(db: Db, exerciseId: string, version: string): Promise<LoadedExercise | null> {
  const key = `${exerciseId}@${version}`;
  let loaded = versions.get(key);
  if (!loaded) {
    loaded = readCourseVersion(db, exerciseId, version);
    // Not found is not cached: the version may be published a moment later.
    loaded.then((found) => found ?? versions.delete(key), () => versions.delete(key));
    versions.set(key, loaded);
  }
  return loaded;
}

async function readCourseVersion(db: Db, exerciseId: string, version: string): Promise<LoadedExercise | null> {
  const [row] = await db
    .select({ package: exerciseVersions.package })
    .from(exerciseVersions)
    .where(and(eq(exerciseVersions.exerciseId, exerciseId), eq(exerciseVersions.contentHash, version)))
    .limit(1);
  if (!row) return null;
  const { files } = PackageColumnSchema.parse(row.package);
  const parsed = parseDataPackage(exerciseId, files);
  // Published versions passed this check when they were published; one that fails now (a stricter
  // format) is reported, never served half-read.
  if (!parsed.ok) throw new Error(`exercise ${exerciseId} version ${version} no longer parses: ${parsed.errors.join("; ")}`);
  return { pkg: parsed.pkg, contentHash: version, files, warnings: parsed.warnings };
}

/** The files of a quiz whose params or answers are checks.ts exports, or null for any other package. */
export function sandboxedQuizFiles(pkg: AnyPackage): Record<string, string> | null {
  return pkg.kind === "quiz" ? (pkg.sandboxed?.files ?? null) : null;
}

/**
 * The package ready for the variant of `seed`: a quiz with authored params and answers gets them
 * computed in the sandbox (cached by files and seed); every other package is returned as it is. The
 * sandbox defaults to the process's (lib/exercises/authoring-sandbox.ts).
 */
export function prepareQuizForSeed(pkg: AnyPackage, seed: number, sandbox: AuthoringSandbox | (() => AuthoringSandbox) = getAuthoringSandbox): Promise<AnyPackage> {
  const files = pkg.kind === "quiz" ? pkg.sandboxed?.files : undefined;
  if (pkg.kind !== "quiz" || !files) return Promise.resolve(pkg);
  const unsigned = seed >>> 0;
  const key = `${hashPackageFiles(files)}:${unsigned}`;
  let prepared = quizzes.get(key);
  if (!prepared) {
    // The sandbox is asked for only now: a process serving no such quiz needs none installed.
    const port = typeof sandbox === "function" ? sandbox() : sandbox;
    prepared = port.runTask({ kind: "quiz-variants", files, seed: unsigned }).then((computed): AnyPackage => specialiseQuiz(pkg, computed));
    prepared.catch(() => quizzes.delete(key));
    quizzes.set(key, prepared);
  }
  return prepared;
}
