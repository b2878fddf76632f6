import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashPackageFiles } from "@/lib/grading/artefact";
import { listExerciseIds, loadCatalogue, readPackageFiles } from "@/lib/exercises/catalogue";
import { loadPackage } from "@/lib/exercises/loader";

const fixtures = path.resolve("tests/fixtures/data-packages");
const scratch = mkdtempSync(path.join(tmpdir(), "data-loader-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the loader and catalogue read data packages", () => {
  it("lists folders with exercise.json beside those with exercise.ts", () => {
    expect(listExerciseIds(fixtures)).toEqual(["bias-quiz", "relu-data"]);
  });

  it("loads a data package from its folder, with the folder as dir", async () => {
    const loaded = await loadPackage("relu-data", fixtures);
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    expect(loaded.pkg.kind).toBe("code");
    expect(loaded.pkg.dir).toBe(path.join(fixtures, "relu-data"));
  });

  it("hashes a data package's files like any package", async () => {
    const { exercises, failures } = await loadCatalogue(fixtures);
    expect(failures).toEqual([]);
    const quiz = exercises.find((loaded) => loaded.pkg.exercise.id === "bias-quiz");
    expect(quiz?.contentHash).toBe(hashPackageFiles(readPackageFiles(path.join(fixtures, "bias-quiz"))));
    expect(Object.keys(quiz?.files ?? {})).toEqual(["checks.ts", "exercise.json", "prompt.md"]);
  });

  it("refuses a folder holding both exercise.ts and exercise.json, and reports a broken data package", async () => {
    cpSync(path.join(fixtures, "relu-data"), path.join(scratch, "relu-data"), { recursive: true });
    writeFileSync(path.join(scratch, "relu-data", "exercise.ts"), "export default {};");
    expect(await loadPackage("relu-data", scratch)).toEqual({ ok: false, errors: ["exercise.json: a package holds exercise.ts or exercise.json, not both"], warnings: [] });
    rmSync(path.join(scratch, "relu-data", "exercise.ts"));
    rmSync(path.join(scratch, "relu-data", "solution.ts"));
    const broken = await loadPackage("relu-data", scratch);
    expect(broken).toMatchObject({ ok: false, errors: ["solution.ts: missing"] });
  });
});
