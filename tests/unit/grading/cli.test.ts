import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EngineResultSchema } from "@/lib/grading/result";
import { FIXTURES } from "./helpers";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function grade(...args: string[]) {
  return run(process.execPath, [TSX, "scripts/grade.ts", ...args], { env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` }, timeout: 60_000 });
}

describe("scripts/grade.ts", () => {
  it("prints one JSON line per file, in argument order, echoing each path; the same path twice is graded twice", async () => {
    const right = path.join(FIXTURES, "batching/student-loops.js");
    const wrong = path.relative(process.cwd(), path.join(FIXTURES, "batching/student-floor.ts"));
    const { stdout } = await grade("batching", right, wrong, right, "missing-file.ts", "--json");
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual([right, wrong, right, "missing-file.ts"]);
    expect(lines.map((l) => l.status)).toEqual(["graded", "graded", "graded", "error"]);
    expect(lines.map((l) => l.score)).toEqual([1, expect.any(Number), 1, 0]);
    expect(lines[1]?.score).toBeLessThan(1);
    for (const l of lines) {
      expect(l.exercise).toBe("batching");
      expect(() => EngineResultSchema.parse(l)).not.toThrow();
    }
  });

  it("keeps student console output out of stdout and prints a readable table without --json", async () => {
    const file = path.join(FIXTURES, "softmax/student-loops.js");
    const { stdout } = await grade("softmax", file);
    expect(stdout).toContain(`${file}  graded  score 100%`);
    expect(stdout).toContain("✓ example: one row");
  });

  it("exits non-zero with a message for an unknown exercise", async () => {
    await expect(grade("no-such-exercise", "x.ts", "--json")).rejects.toMatchObject({ code: 2 });
  });
});
