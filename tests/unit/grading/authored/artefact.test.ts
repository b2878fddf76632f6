import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GradingArtefactSchema, verifyArtefact } from "@/lib/grading/artefact";
import { getArtefactSpec } from "@/lib/grading/pool/artefact-spec";
import { writeArtefactModule } from "@/lib/grading/pool/artefact-folder";
import { dataArtefact, dataFiles } from "./fixtures";

const folder = mkdtempSync(path.join(tmpdir(), "tg-data-artefact-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the artefact of a data package", () => {
  it("carries files and no module; a module next to format data is refused", () => {
    const artefact = dataArtefact(dataFiles());
    expect(GradingArtefactSchema.parse(artefact)).toEqual(artefact);
    expect(GradingArtefactSchema.safeParse({ ...artefact, module: "export {}", moduleHash: "0".repeat(64) }).success).toBe(false);
    expect(() => verifyArtefact(artefact)).not.toThrow();
    expect(() => verifyArtefact({ ...artefact, files: { ...artefact.files, "checks.ts": "// changed" } })).toThrow(/its files hash to/);
  });

  it("a grader builds its spec from the files: nothing is written to or imported from its folder", async () => {
    const artefact = dataArtefact(dataFiles());
    writeArtefactModule(folder, artefact);
    const spec = await getArtefactSpec(artefact, folder);
    expect(spec.exercise.id).toBe("scale-list");
    expect(spec.exercise.tests).toHaveLength(7);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("an exercise.json whose id is not the artefact's is refused, by name", async () => {
    await expect(getArtefactSpec(dataArtefact(dataFiles(), "other-id"), folder)).rejects.toThrow(/exercise other-id version .* cannot be loaded: its exercise.json declares the id "scale-list"/);
  });
});
