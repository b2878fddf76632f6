import { describe, expect, it } from "vitest";
import type { AuthoredTask } from "@/lib/exercises/authoring-sandbox";
import type { GradingArtefact } from "@/lib/grading/artefact";
import type { EngineResult } from "@/lib/grading/result";
import { poolAuthoringSandbox, type AuthoringPool } from "@/lib/startup/pool-authoring-sandbox";

const RESULT: EngineResult = { status: "graded", score: 1, tests: [], durationMs: 1, console: "" };

describe("poolAuthoringSandbox", () => {
  it("grades and runs tasks in the pool it is given, asking for the pool only when used", async () => {
    const calls: unknown[] = [];
    let asked = 0;
    const pool: AuthoringPool = {
      grade: async (artefact, source, limits, examplesOnly) => {
        calls.push(["grade", artefact.exerciseId, source, limits, examplesOnly]);
        return RESULT;
      },
      runAuthoredTask: (async (task: AuthoredTask) => {
        calls.push(["task", task.kind]);
        return { outline: { examples: [], tests: [] }, problems: [] };
      }) as AuthoringPool["runAuthoredTask"],
    };
    const sandbox = poolAuthoringSandbox(async () => {
      asked++;
      return pool;
    });
    expect(asked).toBe(0);
    const artefact: GradingArtefact = { format: "data", exerciseId: "ml-x", version: "v", files: {} };
    expect(await sandbox.grade(artefact, "code")).toBe(RESULT);
    await sandbox.grade(artefact, "code", { examplesOnly: true });
    expect(await sandbox.runTask({ kind: "outline", files: {} })).toEqual({ outline: { examples: [], tests: [] }, problems: [] });
    expect(calls).toEqual([
      ["grade", "ml-x", "code", undefined, false],
      ["grade", "ml-x", "code", undefined, true],
      ["task", "outline"],
    ]);
    expect(asked).toBe(3);
  });
});
