// Grades every student-style solution in tests/fixtures/{grading,students}/<exercise>/manifest.json
// through the real sandbox: right ones must get full marks, each wrong one what its manifest says.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadExercise } from "@/lib/exercises/loader";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

const ManifestSchema = z.object({
  exercise: z.string(),
  solutions: z.array(
    z.object({
      file: z.string(),
      // "limit": the solution runs into a time or memory limit in some test, which ends its grading there.
      expect: z.enum(["full", "partial", "zero", "compile_error", "limit"]),
      mistake: z.string().optional(),
      line: z.number().int().positive().optional(),
    }),
  ),
});

const corpusRoots = ["tests/fixtures/grading", "tests/fixtures/students"].map((dir) => path.resolve(dir));
const manifests = corpusRoots.flatMap((root) =>
  existsSync(root)
    ? readdirSync(root)
        .map((id) => path.join(root, id, "manifest.json"))
        .filter((file) => existsSync(file))
        .map((file) => ({ dir: path.dirname(file), manifest: ManifestSchema.parse(JSON.parse(readFileSync(file, "utf8"))) }))
        .filter(({ manifest }) => existsSync(path.resolve("exercises", manifest.exercise, "exercise.ts")))
    : [],
);

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());

describe.each(manifests)("student corpus: $manifest.exercise ($dir)", ({ dir, manifest }) => {
  it.each(manifest.solutions)("$file → $expect", async (solution) => {
    const loaded = await loadExercise(manifest.exercise);
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const result = await gradeSource(loaded.pkg, readFileSync(path.join(dir, solution.file), "utf8"), { provider });
    const failing = result.tests.filter((test) => !test.passed).map((test) => `${test.name}: ${test.message}`);
    switch (solution.expect) {
      case "full":
        expect(failing).toEqual([]);
        expect(result).toMatchObject({ status: "graded", score: 1 });
        break;
      case "partial":
        expect(result.status, result.message).toBe("graded");
        expect(result.score, `${solution.mistake ?? ""} got full marks`).toBeLessThan(1);
        break;
      case "zero":
        expect(result.score).toBe(0);
        break;
      case "limit":
        expect(["timeout", "memory_limit"], result.message).toContain(result.status);
        expect(result.score, `${solution.mistake ?? ""} got full marks`).toBeLessThan(1);
        expect(result.tests.some((test) => test.unjudged === "limit")).toBe(true);
        break;
      case "compile_error":
        expect(result.status).toBe("compile_error");
        if (solution.line) expect(result.message).toMatch(new RegExp(`line ${solution.line}\\b`));
        break;
    }
  });
});
