import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { buildArtefactModule } from "@/lib/exercises/artefact-build";
import { artefactFromDisk } from "@/lib/exercises/artefacts";
import { loadExercise } from "@/lib/exercises/loader";
import { hashPackageFiles } from "@/lib/grading/artefact";
import type { GradingArtefact } from "@/lib/grading/artefact";
import { createArtefactFolder, removeArtefactFolder, writeArtefactModule } from "@/lib/grading/pool/artefact-folder";
import { getArtefactSpec as loadSpec } from "@/lib/grading/pool/artefact-spec";

const folder = createArtefactFolder();
afterAll(() => removeArtefactFolder(folder));

/** What a grader does with a job: the supervisor writes the module, the child loads it. */
function getArtefactSpec(artefact: GradingArtefact, into: string) {
  writeArtefactModule(into, artefact);
  return loadSpec(artefact, into);
}

/** The data of a test (functions such as checks cannot be compared). */
const testData = ({ name, call, args, repeat, expected, hint }: { name: string; call: string; args: unknown[]; repeat: number; expected?: unknown; hint?: string }) => ({ name, call, args, repeat, expected, hint });

describe("an exercise version's artefact module", () => {
  it.each(["softmax", "adam", "build-classifier"])("%s: imports nothing from a relative or absolute path, and gives the package's own spec", async (id) => {
    const artefact = await artefactFromDisk(id);
    expect(artefact.module).not.toMatch(/\bfrom\s*["'](\.|\/)/);
    expect(artefact.module).not.toMatch(/\bimport\s*\(?\s*["'](\.|\/)/);
    const loaded = await loadExercise(id);
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const spec = await getArtefactSpec(artefact, folder);
    const { exercise } = loaded.pkg;
    expect(spec.solution).toBe(loaded.pkg.solution);
    expect(spec.exercise.limits).toEqual(exercise.limits);
    expect({ ...spec.exercise, examples: spec.exercise.examples.map(testData), tests: spec.exercise.tests.map(testData) }).toMatchObject({
      id,
      kind: exercise.kind,
      exports: exercise.exports,
      seed: exercise.seed,
      examples: exercise.examples.map(testData),
      tests: exercise.tests.map(testData),
    });
  });

  it("is the same build for the same files", async () => {
    const { files } = await artefactFromDisk("batching");
    const [a, b] = [await buildArtefactModule("batching", files), await buildArtefactModule("batching", files)];
    expect(a.moduleHash).toBe(b.moduleHash);
  });

  it("is the same build when the process was started from another directory", async () => {
    const { files } = await artefactFromDisk("batching");
    const here = await buildArtefactModule("batching", files);
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(await buildArtefactModule("batching", files)).toEqual(here);
    } finally {
      process.chdir(cwd);
    }
  });

  it("takes the package's own imports from the stored files, never from this machine's exercises/", async () => {
    const files = {
      "exercise.ts": 'import { tests } from "./cases";\nexport default { id: "stored-only", title: "T", topic: "t", kind: "code", points: 1, difficulty: "easy", exports: ["f"], tests };\n',
      "cases.ts": 'export const tests = [{ name: "one", call: "f", args: [1], expected: 2 }];\n',
      "solution.ts": "export const f = (x: number) => x + 1;\n",
    };
    const built = await buildArtefactModule("stored-only", files);
    const spec = await getArtefactSpec({ exerciseId: "stored-only", version: hashPackageFiles(files), files, ...built }, folder);
    expect(spec.exercise.tests.map(testData)).toEqual([{ name: "one", call: "f", args: [1], repeat: 1, expected: 2, hint: undefined }]);
    await expect(buildArtefactModule("stored-only", { ...files, "cases.ts": undefined } as unknown as Record<string, string>)).rejects.toThrow(/not a file of the package/);
  });

  it("refuses an exercise.ts that does not validate, naming the exercise and version", async () => {
    const files = { "exercise.ts": 'export default { id: "broken", kind: "code" };\n', "solution.ts": "" };
    const built = await buildArtefactModule("broken", files);
    const version = hashPackageFiles(files);
    await expect(getArtefactSpec({ exerciseId: "broken", version, files, ...built }, folder)).rejects.toThrow(`exercise broken version ${version} cannot be loaded: exercise.ts: title`);
  });
});
