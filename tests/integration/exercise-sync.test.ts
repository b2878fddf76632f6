import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exerciseVersions, exercises } from "@/lib/db/schema";
import { hashFiles, loadCatalogue } from "@/lib/exercises/catalogue";
import { syncExercises } from "@/lib/exercises/sync";
import { testBackends } from "../helpers/test-database";

/** A scratch copy of two real packages, so the test can change and break them. */
function scratchCatalogue(): string {
  const root = mkdtempSync(path.join(tmpdir(), "tg-exercises-"));
  for (const id of ["batching", "softmax"]) cpSync(path.resolve("exercises", id), path.join(root, id), { recursive: true });
  // The copies import lib/ relative to exercises/<id>/: point them back at the repository.
  for (const id of ["batching", "softmax"]) {
    const file = path.join(root, id, "exercise.ts");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll('"../../lib/', `"${path.resolve("lib")}/`));
  }
  return root;
}

describe.each(testBackends())("exercise sync on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let root: string;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    root = scratchCatalogue();
  });
  afterAll(async () => {
    await drop?.();
  });

  it("adds every package once, then finds nothing to do", async () => {
    const catalogue = await loadCatalogue(root);
    expect(catalogue.failures).toEqual([]);
    expect(await syncExercises(handle.db, catalogue.exercises)).toEqual({ added: ["batching", "softmax"], updated: [], unchanged: [], taken: [] });
    expect(await syncExercises(handle.db, (await loadCatalogue(root)).exercises)).toEqual({ added: [], updated: [], unchanged: ["batching", "softmax"], taken: [] });
  });

  it("makes a changed package a new version and keeps the old one", async () => {
    const [before] = await handle.db.select().from(exercises).where(eq(exercises.id, "softmax"));
    appendFileSync(path.join(root, "softmax", "prompt.md"), "\nOne more sentence.\n");
    const report = await syncExercises(handle.db, (await loadCatalogue(root)).exercises);
    expect(report.updated).toEqual(["softmax"]);
    const [after] = await handle.db.select().from(exercises).where(eq(exercises.id, "softmax"));
    expect(after!.currentVersion).not.toBe(before!.currentVersion);
    const versions = await handle.db.select().from(exerciseVersions).where(eq(exerciseVersions.exerciseId, "softmax"));
    expect(versions.map((v) => v.contentHash).sort()).toEqual([before!.currentVersion, after!.currentVersion].sort());
    const stored = versions.find((v) => v.contentHash === after!.currentVersion)!.package as { files: Record<string, string> };
    expect(stored.files["prompt.md"]).toContain("One more sentence.");
  });

  it("records a package that cannot be bundled without an artefact and logs it, while the others sync", async () => {
    appendFileSync(path.join(root, "softmax", "prompt.md"), "\nAnother sentence.\n");
    const catalogue = await loadCatalogue(root);
    const batching = catalogue.exercises.find((e) => e.pkg.exercise.id === "batching")!;
    const files = { ...batching.files, "exercise.ts": `import "./missing-helper";\n${batching.files["exercise.ts"]}` };
    const broken = { ...batching, files, contentHash: hashFiles(files) };
    const softmax = catalogue.exercises.find((e) => e.pkg.exercise.id === "softmax")!;
    const lines: string[] = [];
    const report = await syncExercises(handle.db, [broken, softmax], { log: (line) => lines.push(line) });
    expect(report).toEqual({ added: [], updated: ["batching", "softmax"], unchanged: [], taken: [] });
    expect(lines.join("\n")).toMatch(/exercise package "batching" was not built[^]*missing-helper/);
    const versions = await handle.db.select().from(exerciseVersions);
    const artefactOf = (id: string, hash: string) => versions.find((v) => v.exerciseId === id && v.contentHash === hash)?.artefact;
    expect(artefactOf("batching", broken.contentHash)).toBeNull();
    expect(artefactOf("softmax", softmax.contentHash)).toMatchObject({ format: 1 });
    const [row] = await handle.db.select().from(exercises).where(eq(exercises.id, "batching"));
    expect(row!.currentVersion).toBe(broken.contentHash);
  });

  it("reports a broken package with its file and field while the others still load", async () => {
    writeFileSync(path.join(root, "batching", "exercise.ts"), 'export default { id: "batching", title: "", kind: "code" };\n');
    const catalogue = await loadCatalogue(root);
    expect(catalogue.exercises.map((e) => e.pkg.exercise.id)).toEqual(["softmax"]);
    const [failure] = catalogue.failures;
    expect(failure?.id).toBe("batching");
    expect(failure?.errors.join("\n")).toMatch(/exercise\.ts: title/);
    expect(failure?.errors.join("\n")).toMatch(/exercise\.ts: topic/);
  });
});
