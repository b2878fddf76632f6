/**
 * A parsed exercise.json as the package shapes the kinds already know (lib/exercises/package.ts), so that
 * pages, previews and grading treat a data package like any other. Nothing of checks.ts enters: what it
 * would compute is a placeholder that throws until the sandbox has run it (see ./specialise.ts).
 */
import type { Comparator } from "../../grading/compare";
import type { CodePackage, QuizKindPackage } from "../package";
import type { Question, Quiz } from "../quiz";
import type { CodeExercise, TestCase } from "../schema";
import type { DataCodeExercise, DataComparator, DataQuestion, DataQuizExercise, DataTest } from "./schema";

/** What a check comparator of a data package does on the host: it never runs there. */
export const SANDBOXED_CHECK_MESSAGE = "authored checks run in the sandbox";

function sandboxedCheck(): never {
  throw new Error(SANDBOXED_CHECK_MESSAGE);
}

/** A quiz function from checks.ts before the sandbox computed it for a seed. */
export function sandboxedQuizFunction(questionId: string, part: "params" | "answer", exportName: string): () => never {
  return () => {
    throw new Error(`question "${questionId}": ${part} comes from checks.ts (\`${exportName}\`): specialise the quiz for a seed first (specialiseQuiz)`);
  };
}

function comparatorOf(compare: DataComparator | undefined): Comparator | undefined {
  if (compare === undefined || compare.kind !== "check") return compare;
  return { kind: "check", check: sandboxedCheck };
}

function testCaseOf(test: DataTest): TestCase {
  const { compare, expected, ...rest } = test;
  const comparator = comparatorOf(compare);
  return { ...rest, ...(comparator ? { compare: comparator } : {}), ...(expected === undefined ? {} : { expected }) };
}

/** The code package of a data package: its tests as the engine's test cases (generated tests come later, from the sandbox). */
export function codePackageOf(data: DataCodeExercise, files: Record<string, string>, dir: string): CodePackage {
  const { generators: _generators, examples, tests, limits, ...meta } = data;
  const exercise: CodeExercise = {
    ...meta,
    examples: examples.map(testCaseOf),
    tests: tests.map(testCaseOf),
    ...(limits ? { limits } : {}),
  };
  return { kind: "code", exercise, dir, prompt: files["prompt.md"] ?? "", starter: files["starter.ts"] ?? "", solution: files["solution.ts"] ?? "" };
}

function questionOf(question: DataQuestion): Question {
  const { params: paramsName, answer: answerName, ...rest } = question;
  const params = paramsName === undefined ? {} : { params: sandboxedQuizFunction(question.id, "params", paramsName) };
  if (rest.kind === "numeric") {
    const answer = typeof answerName === "number" ? answerName : sandboxedQuizFunction(question.id, "answer", answerName as string);
    return { ...rest, ...params, answer };
  }
  const answer = typeof answerName === "string" ? { answer: sandboxedQuizFunction(question.id, "answer", answerName) } : {};
  return { ...rest, ...params, ...answer } as Question;
}

/** Whether a question needs the sandbox: its params or its answer come from checks.ts. */
export function isSandboxedQuestion(question: DataQuestion): boolean {
  return question.params !== undefined || typeof question.answer === "string";
}

/** The quiz package of a data package; `sandboxed` when any question's params or answer come from checks.ts. */
export function quizPackageOf(data: DataQuizExercise, files: Record<string, string>, dir: string): QuizKindPackage {
  const quiz: Quiz = { questions: data.questions.map(questionOf) };
  const sandboxed = data.questions.some(isSandboxedQuestion);
  return { kind: "quiz", exercise: data, quiz, dir, prompt: files["prompt.md"] ?? "", ...(sandboxed ? { sandboxed: { files } } : {}) };
}
