import { describe, expect, it } from "vitest";
import { exerciseKind } from "@/lib/db/schema/enums";
import { AppError } from "@/lib/errors";
import { EXERCISE_KINDS, isKind, kindLabel, type Kind } from "@/lib/exercises/kinds";
import { acceptRequest } from "@/lib/exercises/kinds/requests";

const CODE_REQUEST = { code: "export function f() { return 1; }", mode: "run" };
const ANSWERS_REQUEST = { answers: { q1: "a" } };

function refusalOf(run: () => unknown): { code: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe("EXERCISE_KINDS", () => {
  it("has one implementation for every kind the database knows, and no other", () => {
    expect(Object.keys(EXERCISE_KINDS).sort()).toEqual([...exerciseKind.enumValues].sort());
    for (const kind of exerciseKind.enumValues) expect(isKind(kind)).toBe(true);
    expect(isKind("essay")).toBe(false);
    expect(isKind("toString")).toBe(false);
  });

  it("names each kind as the UI did", () => {
    const labels = Object.fromEntries(exerciseKind.enumValues.map((kind) => [kind, kindLabel(kind)]));
    expect(labels).toEqual({ code: "Code", quiz: "Quiz", model: "Model" });
  });

  it("grades answers inline and code through the queue", () => {
    const modes = Object.fromEntries(Object.entries(EXERCISE_KINDS).map(([kind, impl]) => [kind, impl.grading.mode]));
    expect(modes).toEqual({ code: "queued", model: "queued", quiz: "inline" });
    expect(EXERCISE_KINDS.quiz.keepsDrafts).toBe(false);
    expect(EXERCISE_KINDS.code.keepsDrafts && EXERCISE_KINDS.model.keepsDrafts).toBe(true);
    expect(EXERCISE_KINDS.quiz.releasesExplanations).toBe(true);
    expect(EXERCISE_KINDS.code.releasesExplanations || EXERCISE_KINDS.model.releasesExplanations).toBe(false);
  });
});

describe("each kind's request schema", () => {
  const codeKinds: Kind[] = ["code", "model"];

  it.each(codeKinds)("%s takes code and refuses answers with today's message", (kind) => {
    const { grading } = EXERCISE_KINDS[kind];
    if (grading.mode !== "queued") throw new Error(`${kind} is not graded from code`);
    const { request } = grading;
    expect(acceptRequest(request, CODE_REQUEST)).toEqual(CODE_REQUEST);
    expect(acceptRequest(request, { code: "x" })).toEqual({ code: "x", mode: "submit" });
    expect(refusalOf(() => acceptRequest(request, ANSWERS_REQUEST))).toEqual({ code: "INVALID_INPUT", message: "This exercise takes code, not answers." });
  });

  it("quiz takes answers and refuses code with today's message", () => {
    const { request } = EXERCISE_KINDS.quiz.grading;
    expect(acceptRequest(request, ANSWERS_REQUEST)).toEqual(ANSWERS_REQUEST);
    expect(refusalOf(() => acceptRequest(request, CODE_REQUEST))).toEqual({ code: "INVALID_INPUT", message: "This exercise takes answers, not code." });
    expect(refusalOf(() => acceptRequest(request, { code: "x" }))).toEqual({ code: "INVALID_INPUT", message: "This exercise takes answers, not code." });
  });
});
