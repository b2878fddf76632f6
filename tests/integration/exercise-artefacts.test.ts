/**
 * A grader grades exactly the exercise version a submission recorded, from the artefact stored in the
 * database, whatever the grading machine's own exercises/ holds; a version it cannot get is refused
 * with a retryable error that names it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exerciseVersions, submissions, testResults } from "@/lib/db/schema";
import { findArtefact } from "@/lib/exercises/artefacts";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { GraderPool } from "@/lib/grading/pool/pool";
import { GRADER_FAILED_MESSAGE, gradeSubmission } from "@/lib/submissions/grading-service";
import { createSubmission } from "../helpers/queued-submission";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const RIGHT = readFileSync(path.resolve("exercises/batching/solution.ts"), "utf8");
const FLOOR = RIGHT.replace("Math.ceil", "Math.floor");

/** A scratch copy of `batching` whose exercise.ts imports lib/ by absolute path, so it can live anywhere. */
function scratchCatalogue(): string {
  const root = mkdtempSync(path.join(tmpdir(), "tg-artefacts-"));
  cpSync(path.resolve("exercises", "batching"), path.join(root, "batching"), { recursive: true });
  const file = path.join(root, "batching", "exercise.ts");
  writeFileSync(file, readFileSync(file, "utf8").replaceAll('"../../lib/', `"${path.resolve("lib")}/`));
  return root;
}

/** Version B of the scratch package: a reference solution that floors and a renamed misconception. */
function changeToVersionB(root: string): void {
  const dir = path.join(root, "batching");
  writeFileSync(path.join(dir, "solution.ts"), FLOOR);
  const exercise = path.join(dir, "exercise.ts");
  writeFileSync(exercise, readFileSync(exercise, "utf8").replaceAll('"floor-instead-of-ceil"', '"floor-in-version-b"'));
}

let pool: GraderPool;
const exercisesDir = process.env.EXERCISES_DIR;

beforeAll(async () => {
  // No artefactOf: this pool can grade only what it is handed.
  pool = new GraderPool({ size: 1 });
  await pool.ready();
});
afterAll(async () => {
  await pool?.close();
  if (exercisesDir === undefined) delete process.env.EXERCISES_DIR;
  else process.env.EXERCISES_DIR = exercisesDir;
});

describe.each(testBackends())("exercise version artefacts on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let root: string;
  let users = 0;
  let versionA: string;
  let versionB: string;

  /** A submission of a new student (one grading in flight per student and exercise), graded once. */
  const grade = async (version: string, code: string, final = false) => {
    const student = await createUser(handle.db, { email: `s${++users}@example.org`, name: `S${users}` });
    const row = await createSubmission(handle.db, { userId: student.id, exerciseId: "batching", exerciseVersion: version, code, variantSeed: 1 });
    const outcome = await gradeSubmission({ db: handle.db, grader: pool }, row.id, { final });
    const [stored] = await handle.db.select().from(submissions).where(eq(submissions.id, row.id));
    const tests = await handle.db
      .select({ name: testResults.name, hidden: testResults.hidden, passed: testResults.passed, message: testResults.message, misconception: testResults.misconception })
      .from(testResults)
      .where(eq(testResults.submissionId, row.id))
      .orderBy(asc(testResults.position));
    return { outcome, row: stored!, tests };
  };

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    root = scratchCatalogue();
    const catalogue = await loadCatalogue(root, ["batching"]);
    expect(catalogue.failures).toEqual([]);
    await syncExercises(handle.db, catalogue.exercises);
    versionA = catalogue.exercises[0]!.contentHash;
  });
  afterAll(async () => {
    await drop?.();
  });

  it("grades the recorded version with identical results when the worker's exercises/ differs or is empty", async () => {
    const before = [await grade(versionA, RIGHT), await grade(versionA, FLOOR)];
    expect(before.map(({ row }) => [row.verdict, row.score])).toEqual([["graded", 1], ["graded", before[1]!.row.score]]);
    expect(before[1]!.row.score).toBeLessThan(1);
    expect(before[1]!.tests.filter((t) => !t.passed).map((t) => t.misconception)).toContain("floor-instead-of-ceil");

    // The package changes on disk (a new current version), and this process sees no exercises at all.
    changeToVersionB(root);
    const changed = await loadCatalogue(root, ["batching"]);
    expect(await syncExercises(handle.db, changed.exercises)).toMatchObject({ updated: ["batching"] });
    versionB = changed.exercises[0]!.contentHash;
    expect(versionB).not.toBe(versionA);
    process.env.EXERCISES_DIR = mkdtempSync(path.join(tmpdir(), "tg-no-exercises-"));
    setCatalogue({ exercises: [], failures: [] });

    const after = [await grade(versionA, RIGHT), await grade(versionA, FLOOR)];
    for (const [index, result] of after.entries()) {
      expect(result.outcome).toEqual({ kind: "recorded", status: "graded" });
      expect(result.row).toMatchObject({ exerciseVersion: versionA, verdict: before[index]!.row.verdict, score: before[index]!.row.score, message: before[index]!.row.message });
      expect(result.tests).toEqual(before[index]!.tests);
    }
  });

  it("grades two versions of one exercise differently, each submission against its own, annotated from that version", async () => {
    const [rightA, rightB, floorB] = [await grade(versionA, RIGHT), await grade(versionB, RIGHT), await grade(versionB, FLOOR)];
    expect(rightA.row.score).toBe(1);
    expect(floorB.row.score).toBe(1);
    expect(rightB.row.score).toBeLessThan(1);
    const failed = rightB.tests.filter((t) => !t.passed);
    expect(failed.map((t) => t.name)).toContain("steps with a smaller last batch");
    expect(failed.map((t) => t.misconception)).toContain("floor-in-version-b");
    expect(failed.map((t) => t.misconception)).not.toContain("floor-instead-of-ceil");
    expect([rightA, rightB, floorB].map(({ row }) => row.exerciseVersion)).toEqual([versionA, versionB, versionB]);
  });

  it("refuses a version missing from the database with a retryable error naming it, then errors on the last delivery", async () => {
    const first = await grade("0123456789abcdef-missing", RIGHT);
    expect(first.outcome.kind).toBe("retry");
    expect(first.outcome.kind === "retry" && first.outcome.reason).toMatch(/exercise batching version 0123456789abcdef-missing/);
    expect(first.row.status).toBe("queued");

    const last = await gradeSubmission({ db: handle.db, grader: pool }, first.row.id, { final: true });
    expect(last).toEqual({ kind: "recorded", status: "error" });
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, first.row.id));
    expect(row).toMatchObject({ status: "error", verdict: "error", message: GRADER_FAILED_MESSAGE });
  });

  it("the grader refuses an artefact whose files are not the version it names", async () => {
    const artefact = (await findArtefact(handle.db, "batching", versionA))!.grading;
    const forged = { ...artefact, files: { ...artefact.files, "solution.ts": FLOOR } };
    const result = await pool.grade(forged, RIGHT);
    expect(result.status).toBe("error");
    expect(result.message).toContain(`exercise batching version ${versionA}`);
    expect((await pool.grade(artefact, RIGHT)).score).toBe(1);
  });

  it("the pool refuses an artefact whose exercise id is a path, without handing it to a child", async () => {
    const artefact = (await findArtefact(handle.db, "batching", versionA))!.grading;
    for (const exerciseId of ["../x", "a/b"]) {
      const result = await pool.grade({ ...artefact, exerciseId }, RIGHT);
      expect(result.status).toBe("error");
      expect(result.message).toMatch(/kebab-case/);
    }
  });

  it("a version stored before artefacts existed gets its artefact at the next sync", async () => {
    const where = and(eq(exerciseVersions.exerciseId, "batching"), eq(exerciseVersions.contentHash, versionB));
    await handle.db.update(exerciseVersions).set({ artefact: null }).where(where);
    expect(await findArtefact(handle.db, "batching", versionB)).toBeNull();
    expect((await grade(versionB, FLOOR)).outcome).toMatchObject({ kind: "retry", reason: expect.stringContaining(`version ${versionB}`) });
    await syncExercises(handle.db, (await loadCatalogue(root, ["batching"])).exercises);
    expect((await grade(versionB, FLOOR)).row.score).toBe(1);
  });

  it("an older version without an artefact gets one from its stored files at the next sync", async () => {
    const where = and(eq(exerciseVersions.exerciseId, "batching"), eq(exerciseVersions.contentHash, versionA));
    await handle.db.update(exerciseVersions).set({ artefact: null }).where(where);
    expect(await findArtefact(handle.db, "batching", versionA)).toBeNull();
    const current = (await loadCatalogue(root, ["batching"])).exercises;
    expect(current[0]!.contentHash).not.toBe(versionA);
    await syncExercises(handle.db, current, { log: () => undefined });
    const floorA = await grade(versionA, FLOOR);
    expect(floorA.row).toMatchObject({ exerciseVersion: versionA, verdict: "graded" });
    expect(floorA.row.score).toBeLessThan(1);
    // Annotated from version A's own tests, read from its rebuilt module.
    expect(floorA.tests.filter((t) => !t.passed).map((t) => t.misconception)).toContain("floor-instead-of-ceil");
  });

  it("stores a new build of an unchanged version when a helper it bundles changed, and grades with it", async () => {
    // A helper outside the package (like lib/): not one of the version's files. Version B's reference floors, so RIGHT fails where the two differ.
    const helper = path.join(root, "helper.ts");
    writeFileSync(helper, "export const lastBatch = [100, 32];\n");
    const file = path.join(root, "batching", "exercise.ts");
    writeFileSync(file, `import { lastBatch } from ${JSON.stringify(helper)};\n${readFileSync(file, "utf8").replace("args: [100, 32]", "args: lastBatch")}`);
    const first = (await loadCatalogue(root, ["batching"])).exercises;
    await syncExercises(handle.db, first, { log: () => undefined });
    const versionC = first[0]!.contentHash;
    const before = (await findArtefact(handle.db, "batching", versionC))!.grading;
    const failedWith = async () => (await grade(versionC, RIGHT)).tests.filter((t) => !t.passed).map((t) => t.name);
    expect(await failedWith()).toContain("steps with a smaller last batch");

    writeFileSync(helper, "export const lastBatch = [64, 32];\n");
    const second = (await loadCatalogue(root, ["batching"])).exercises;
    expect(second[0]!.contentHash).toBe(versionC);
    const lines: string[] = [];
    expect(await syncExercises(handle.db, second, { log: (line) => lines.push(line) })).toMatchObject({ unchanged: ["batching"] });
    const after = (await findArtefact(handle.db, "batching", versionC))!.grading;
    expect(after.version).toBe(before.version);
    expect(after.moduleHash).not.toBe(before.moduleHash);
    expect(lines.join("\n")).toMatch(new RegExp(`exercise batching version ${versionC}: module rebuilt`));
    const failed = await failedWith();
    expect(failed).not.toContain("steps with a smaller last batch");
    expect(failed.length).toBeGreaterThan(0);
  });
});
