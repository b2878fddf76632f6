import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeArchive } from "@/lib/exercises/archive";
import { readPackageFiles } from "@/lib/exercises/catalogue";
import { checkDataPackage, checkPackage } from "@/lib/exercises/check";
import { checkArchive, checkTargetOf } from "@/lib/exercises/data-package/check-target";
import { parseDataPackage } from "@/lib/exercises/data-package/parse";
import { specialiseQuiz } from "@/lib/exercises/data-package/specialise";
import { createRng, createVariant, hash32 } from "@/lib/exercises/quiz";
import { runAuthoredTask } from "@/lib/grading/authored";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

const fixtures = path.resolve("tests/fixtures/data-packages");
const filesOf = (id: string) => readPackageFiles(path.join(fixtures, id));
const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
const scratch = mkdtempSync(path.join(tmpdir(), "data-check-"));
afterAll(() => {
  provider.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const failing = (report: { lines: Array<{ ok: boolean; text: string }> }) => report.lines.filter((line) => !line.ok).map((line) => line.text);

describe("exercises:check on data packages", () => {
  it("passes the code fixture: generated tests, a sandboxed check, reference full, starter below, stable", async () => {
    const report = await checkPackage("relu-data", provider, fixtures);
    expect(failing(report)).toEqual([]);
    expect(report.lines.map((line) => line.text)).toEqual([
      "schema and prompt are valid",
      "the tests build: 1 example, 6 hidden tests (3 generated)",
      "the generators give the same tests twice",
      "the reference solution scores full marks",
      "the starter scores 0.143, below full marks",
      "the 7 tests give the same result twice",
    ]);
  });

  it("passes the quiz fixture, its sandboxed numbers the same as the module form would draw", async () => {
    const report = await checkPackage("bias-quiz", provider, fixtures);
    expect(failing(report)).toEqual([]);
    const files = filesOf("bias-quiz");
    const seed = 987654;
    const computed = await runAuthoredTask({ kind: "quiz-variants", files, seed });
    const rng = createRng(hash32(`${seed}:factor`));
    expect(computed.questions.factor?.params).toEqual({ beta1: rng.pick([0.8, 0.9, 0.95]), t: rng.int(2, 20) });
    const parsed = parseDataPackage("bias-quiz", files);
    if (!parsed.ok || parsed.pkg.kind !== "quiz") throw new Error("fixture does not parse");
    expect(createVariant(specialiseQuiz(parsed.pkg, computed).quiz, seed).questions.factor?.params).toEqual(computed.questions.factor?.params);
  });

  it("fails a check that rejects the reference, and a generator that throws, naming them", async () => {
    const files = filesOf("relu-data");
    const rejecting = { ...files, "checks.ts": files["checks.ts"]?.replace("return true;\n}", 'return "never right";\n}') ?? "" };
    const rejected = failing(await checkDataPackage("relu-data", rejecting, provider));
    expect(rejected[0]).toMatch(/^the reference solution scores 0\.8.*"no negative output": never right/);
    const throwing = { ...files, "checks.ts": `${files["checks.ts"] ?? ""}\nexport function boom() { throw new RangeError("no rows"); }\n` };
    const json = JSON.parse(files["exercise.json"] ?? "") as { generators: string[] };
    json.generators.push("boom");
    const broken = await checkDataPackage("relu-data", { ...throwing, "exercise.json": JSON.stringify(json) }, provider);
    expect(failing(broken).join("\n")).toMatch(/^the tests cannot be built: .*boom.*RangeError: no rows/);
  });

  it("warns of a param no placeholder uses, found once the sandbox drew the params", async () => {
    const files = filesOf("bias-quiz");
    const extra = { ...files, "checks.ts": files["checks.ts"]?.replace("t: rng.int(2, 20) }", "t: rng.int(2, 20), unused: 1 }") ?? "" };
    const report = await checkDataPackage("bias-quiz", extra, provider);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual(['question "factor": params: param "unused" is not used by any placeholder']);
  });

  it("fails a quiz whose answer export throws, for every seed", async () => {
    const files = filesOf("bias-quiz");
    const broken = { ...files, "checks.ts": `${files["checks.ts"]?.replace("return 1 /", "throw new Error('no answer'); return 1 /") ?? ""}` };
    const lines = failing(await checkDataPackage("bias-quiz", broken, provider));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^seed 1: checks\.ts cannot compute the variant: question "factor": .*no answer/);
  });

  it("reports parse errors as the check's lines, and checks an archive's package", async () => {
    const report = await checkDataPackage("relu-data", { ...filesOf("relu-data"), "extra.txt": "" }, provider);
    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual(["extra.txt: not a file of a data package (it holds exercise.json, prompt.md, starter.ts, solution.ts, checks.ts)"]);
    const archive = path.join(scratch, "relu.zip");
    writeFileSync(archive, writeArchive("zip", "relu-data", filesOf("relu-data")));
    expect((await checkArchive(archive, provider)).ok).toBe(true);
    writeFileSync(archive, "not an archive");
    expect(failing(await checkArchive(archive, provider))).toEqual(["(archive): not a .zip or .tar.gz file"]);
  });

  it("tells ids, folders and archives apart", () => {
    expect(checkTargetOf("softmax")).toEqual({ kind: "id", id: "softmax" });
    expect(checkTargetOf("tests/fixtures/data-packages/relu-data/")).toEqual({ kind: "id", id: "relu-data", root: fixtures });
    expect(checkTargetOf("/tmp/x.tar.gz")).toEqual({ kind: "archive", file: "/tmp/x.tar.gz" });
    expect(checkTargetOf("x.zip")).toEqual({ kind: "archive", file: "x.zip" });
  });
});
