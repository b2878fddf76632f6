import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { checkPackage } from "@/lib/exercises/check";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

const root = path.resolve("tests/fixtures/exercise-packages");
const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());

describe("loading a folder with broken packages", () => {
  it("loads the good package and reports every problem of each broken one, naming file and field", async () => {
    const catalogue = await loadCatalogue(root);
    expect(catalogue.exercises.map((e) => e.pkg.exercise.id)).toEqual(["good-one"]);
    const errorsOf = (id: string) => catalogue.failures.find((f) => f.id === id)?.errors.join("\n") ?? "";

    const code = errorsOf("broken-code");
    expect(code).toMatch(/exercise\.ts: title: .*expected string/);
    expect(code).toMatch(/exercise\.ts: difficulty: /);
    expect(code).toMatch(/starter\.ts: missing/);
    expect(code).toMatch(/prompt\.md: placeholder: .*\bn\b/);
    expect(code).toMatch(/prompt\.md: math: /);

    const quiz = errorsOf("broken-quiz");
    expect(quiz).toMatch(/questions\["two-right"\]\.\w+: .*exactly 1 correct choice/);
    expect(quiz).toMatch(/questions\["nan"\]\.answer: /);
    expect(quiz).toMatch(/questions\["nan"\]\.prompt: placeholder \{\{x\}\} has no matching param/);

    expect(errorsOf("not-typescript")).toMatch(/^exercise\.ts: cannot be loaded: /);
  });

  it("a test that calls a function missing from exports is named by its position", async () => {
    const fixed = await loadCatalogue(root, ["broken-code"]);
    expect(fixed.failures[0]?.errors).toContain('exercise.ts: tests[0].call: "triple" is not in exports');
  });
});

describe("checkPackage", () => {
  it("passes a sound package: reference at full marks, starter below, stable results", async () => {
    const report = await checkPackage("good-one", provider, root);
    expect(report.lines.filter((line) => !line.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lines.map((line) => line.text).join("\n")).toMatch(/starter scores 0\b/);
  });

  it("fails a package that does not load, with its errors as the report", async () => {
    const report = await checkPackage("broken-quiz", provider, root);
    expect(report.ok).toBe(false);
    expect(report.lines.length).toBeGreaterThanOrEqual(3);
  });
});

describe("checkPackage bundles the grading artefact", () => {
  it("fails a package that loads but does not bundle, naming the file at fault", async () => {
    // A package whose exercise.ts imports from a subfolder: tsx loads it, but a version holds only the
    // package's top-level files, so its artefact cannot be built.
    const scratch = mkdtempSync(path.join(tmpdir(), "tg-unbundled-"));
    const dir = path.join(scratch, "split-cases");
    cpSync(path.join(root, "good-one"), dir, { recursive: true });
    const file = path.join(dir, "exercise.ts");
    const source = readFileSync(file, "utf8").replace('"../../../../lib/', `"${path.resolve("lib")}/`).replace('id: "good-one"', 'id: "split-cases"');
    mkdirSync(path.join(dir, "data"));
    writeFileSync(path.join(dir, "data", "points.ts"), "export const points = 1;\n");
    writeFileSync(file, `import { points } from "./data/points";\n${source.replace("points: 1,", "points,")}`);
    const report = await checkPackage("split-cases", provider, scratch);
    expect(report.ok).toBe(false);
    expect(report.lines.filter((line) => !line.ok)).toEqual([{ ok: false, text: expect.stringMatching(/the grading artefact does not bundle: .*exercise\.ts.*data\/points/s) }]);
  });
});
