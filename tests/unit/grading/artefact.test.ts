import { describe, expect, it } from "vitest";
import { GradingArtefactSchema, hashModule, hashPackageFiles, verifyArtefact, type GradingArtefact } from "@/lib/grading/artefact";

const files = { "exercise.ts": "export default {}\n", "solution.ts": "export const f = () => 1;\n" };
const source = "export function gradingSpec() { return null; }\n";
const artefact: GradingArtefact = { exerciseId: "demo", version: hashPackageFiles(files), files, module: source, moduleHash: hashModule(source) };

describe("exercise version artefacts", () => {
  it("are addressed by a hash of file names and contents, whatever the order the files were read in", () => {
    expect(hashPackageFiles({ "solution.ts": files["solution.ts"], "exercise.ts": files["exercise.ts"] })).toBe(artefact.version);
    expect(hashPackageFiles({ ...files, "solution.ts": "export const f = () => 2;\n" })).not.toBe(artefact.version);
    expect(hashPackageFiles({ "exercise.ts": files["exercise.ts"], "solution.js": files["solution.ts"] })).not.toBe(artefact.version);
  });

  it("verify when the files are the version and the module is the one built", () => {
    expect(() => verifyArtefact(artefact)).not.toThrow();
  });

  it("refuse files that are not the version they claim, naming exercise and version", () => {
    const forged = { ...artefact, files: { ...files, "solution.ts": "export const f = () => 2;\n" } };
    expect(() => verifyArtefact(forged)).toThrow(`exercise demo version ${artefact.version}`);
  });

  it("refuse a module that is not the one built for the version", () => {
    expect(() => verifyArtefact({ ...artefact, module: `${source}// changed\n` })).toThrow(/module does not match its hash/);
  });

  it("name their exercise by a kebab-case id and their module by a sha256, never by a path", () => {
    expect(GradingArtefactSchema.safeParse(artefact).success).toBe(true);
    for (const exerciseId of ["../x", "a/b", "/etc/passwd", "A", ""]) {
      expect(GradingArtefactSchema.safeParse({ ...artefact, exerciseId }).success, exerciseId).toBe(false);
    }
    for (const moduleHash of ["../x", "a/b", artefact.moduleHash.toUpperCase(), artefact.moduleHash.slice(1)]) {
      expect(GradingArtefactSchema.safeParse({ ...artefact, moduleHash }).success, moduleHash).toBe(false);
    }
  });
});
