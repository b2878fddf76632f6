/**
 * A syntax or runtime error is reported at the student's own line for every code exercise, through
 * the pool the app grades with and through the CLI, whatever harness the exercise appends.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listExerciseIds } from "@/lib/exercises/catalogue";
import { loadPackage, type ExercisePackage } from "@/lib/exercises/loader";
import { artefactFromDisk } from "@/lib/exercises/artefacts";
import { GraderPool } from "@/lib/grading/pool/pool";
import { EngineResultSchema } from "@/lib/grading/result";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function codeExercises(): Promise<ExercisePackage[]> {
  const packages: ExercisePackage[] = [];
  for (const id of listExerciseIds()) {
    const loaded = await loadPackage(id);
    if (!loaded.ok) throw new Error(`${id}: ${loaded.errors.join("; ")}`);
    if (loaded.pkg.kind !== "quiz") packages.push(loaded.pkg);
  }
  return packages;
}

/** The solution without its last "}", so the parser runs into the end of the file. */
function withoutLastBrace(solution: string): { source: string; line: number } {
  const at = solution.lastIndexOf("}");
  const source = `${solution.slice(0, at)}${solution.slice(at + 1)}`;
  // "'}' expected" is reported at the end of the file: the line after the last line break.
  return { source, line: source.split("\n").length };
}

/** The solution with a broken statement on a line of its own after it. */
function withBrokenLastLine(solution: string): { source: string; line: number } {
  const body = solution.endsWith("\n") ? solution : `${solution}\n`;
  return { source: `${body}export const broken = 1 +;\n`, line: body.split("\n").length };
}

const packages = await codeExercises();
const ids = packages.map((pkg) => pkg.exercise.id);

describe("error lines, through the grader pool (the app's path)", () => {
  let pool: GraderPool;
  beforeAll(async () => {
    pool = new GraderPool({ size: 1, artefactOf: artefactFromDisk });
    await pool.ready();
  });
  afterAll(() => pool.close());

  it("covers the code and model exercises, harnessed ones included", () => {
    expect(ids).toEqual(expect.arrayContaining(["adam", "softmax", "build-classifier", "lr-schedules"]));
  });

  it.each(packages.map((pkg) => [pkg.exercise.id, pkg] as const))("%s: a missing last } is reported at the file's last line", async (_id, pkg) => {
    const { source, line } = withoutLastBrace(pkg.solution);
    const r = await pool.grade(pkg.exercise.id, source);
    expect(r.status).toBe("compile_error");
    expect(r.message).toBe(`Syntax error at line ${line}, column 1: '}' expected.`);
  });

  it.each(packages.map((pkg) => [pkg.exercise.id, pkg] as const))("%s: a broken last line is reported at that line", async (_id, pkg) => {
    const { source, line } = withBrokenLastLine(pkg.solution);
    const r = await pool.grade(pkg.exercise.id, source);
    expect(r.status).toBe("compile_error");
    expect(r.message).toMatch(new RegExp(`^Syntax error at line ${line}, column 26: Expression expected`));
  });

  it.each(packages.map((pkg) => [pkg.exercise.id, pkg] as const))("%s: an error thrown at the last line is reported at that line", async (_id, pkg) => {
    const body = pkg.solution.endsWith("\n") ? pkg.solution : `${pkg.solution}\n`;
    const line = body.split("\n").length;
    const r = await pool.grade(pkg.exercise.id, `${body}throw new RangeError("at the end");\n`);
    expect(r.status).toBe("runtime_error");
    expect(r.message).toBe(`the module threw RangeError: at the end (line ${line}, column 7)`);
  });

  it("an error the harness throws carries no line: it is not in the student's file", async () => {
    const adam = packages.find((pkg) => pkg.exercise.id === "adam")!;
    const drawn = adam.exercise.examples.find((t) => t.call === "__tensorgradeSeries")!;
    // One line, returning no state: the harness that draws the trajectory cannot take a second step.
    const r = await pool.grade("adam", "export function adamStep(w: number[], g: number[]) { return { w: w.map((wi, i) => wi - 0.1 * g[i]!) }; }\n", undefined, true);
    const message = r.tests.find((t) => t.name === drawn.name)?.message;
    expect(message).toMatch(/^threw TypeError: adamStep returned no field state at step 1/);
    expect(message).not.toMatch(/\(line \d+/);
  });
});

describe("error lines, through scripts/grade.ts", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tg-lines-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(packages.map((pkg) => [pkg.exercise.id, pkg] as const))(
    "%s: the CLI reports a missing last } at the file's last line",
    async (id, pkg) => {
      const { source, line } = withoutLastBrace(pkg.solution);
      const file = path.join(dir, `${id}.ts`);
      writeFileSync(file, source);
      const { stdout } = await run(process.execPath, [TSX, "scripts/grade.ts", id, file, "--json"], {
        env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
        timeout: 60_000,
      });
      const result = EngineResultSchema.parse(JSON.parse(stdout));
      expect(result.message).toBe(`Syntax error at line ${line}, column 1: '}' expected.`);
    },
    60_000,
  );
});
