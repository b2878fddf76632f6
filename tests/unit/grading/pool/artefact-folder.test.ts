import { chmodSync, lstatSync, readdirSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashModule, hashPackageFiles, type ModuleArtefact } from "@/lib/grading/artefact";
import { artefactModulePath, createArtefactFolder, removeArtefactFolder, writeArtefactModule } from "@/lib/grading/pool/artefact-folder";
import { getArtefactSpec } from "@/lib/grading/pool/artefact-spec";

const folders: string[] = [];
function folder(): string {
  const dir = createArtefactFolder();
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach(removeArtefactFolder));

const files = { "exercise.ts": "export default {}\n", "solution.ts": "export const f = (x) => x;\n" };

/** A self-contained module whose spec is a minimal code exercise; `mark` makes each one a new hash. */
function artefactOf(mark: string): ModuleArtefact {
  const source = [
    `// ${mark}`,
    "export function gradingSpec(files) {",
    '  return { exercise: { id: "demo", tests: [], examples: [] }, solution: files["solution.ts"] };',
    "}",
    "",
  ].join("\n");
  return { exerciseId: "demo", version: hashPackageFiles(files), files, module: source, moduleHash: hashModule(source) };
}

const uid = process.getuid?.() ?? 0;

describe("a grader child's artefact folder", () => {
  it("is the supervisor's own, readable by all and writable by no one else, with its own node_modules link", () => {
    const dir = folder();
    const stat = statSync(dir);
    expect(stat.mode & 0o777).toBe(0o755);
    expect(stat.uid).toBe(uid);
    const link = lstatSync(path.join(dir, "node_modules"));
    expect(link.isSymbolicLink()).toBe(true);
    expect(link.uid).toBe(uid);
    expect(readlinkSync(path.join(dir, "node_modules"))).toBe(path.resolve("node_modules"));
  });

  it("holds each module read-only under its hash only, whatever the exercise id", () => {
    const dir = folder();
    const artefact = artefactOf("layout");
    writeArtefactModule(dir, artefact);
    writeArtefactModule(dir, artefact);
    expect(readdirSync(dir).sort()).toEqual([`${artefact.moduleHash}.mjs`, "node_modules"]);
    const stat = statSync(path.join(dir, `${artefact.moduleHash}.mjs`));
    expect(stat.mode & 0o777).toBe(0o444);
    expect(stat.uid).toBe(uid);
  });

  it("never writes a module that does not match its hash, nor a hash that is not one", () => {
    const dir = folder();
    const artefact = artefactOf("forged");
    writeArtefactModule(dir, { ...artefact, module: `${artefact.module}// changed\n` });
    writeArtefactModule(dir, { module: artefact.module, moduleHash: "../escape" });
    expect(readdirSync(dir)).toEqual(["node_modules"]);
    expect(() => artefactModulePath(dir, "../escape")).toThrow(/not a module hash/);
  });

  it("a child imports a module whose bytes on disk match its hash", async () => {
    const dir = folder();
    const artefact = artefactOf("good");
    writeArtefactModule(dir, artefact);
    const spec = await getArtefactSpec(artefact, dir);
    expect(spec.solution).toBe(files["solution.ts"]);
  });

  it("a child refuses a module whose bytes on disk are not the ones its hash names", async () => {
    const dir = folder();
    const artefact = artefactOf("tampered");
    writeArtefactModule(dir, artefact);
    const file = artefactModulePath(dir, artefact.moduleHash);
    chmodSync(file, 0o644);
    writeFileSync(file, artefact.module.replace("files[\"solution.ts\"]", '"export const f = () => 42;"'));
    await expect(getArtefactSpec(artefact, dir)).rejects.toThrow(/exercise demo version .* cannot be loaded: its module file .* does not match its hash/);
  });

  it("a child refuses an artefact whose module the supervisor never wrote", async () => {
    const artefact = artefactOf("missing");
    const failure = await getArtefactSpec(artefact, folder()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/cannot be loaded: ENOENT/);
    // The original error stays attached, code and stack included.
    expect((failure as Error).cause).toMatchObject({ code: "ENOENT" });
  });
});
