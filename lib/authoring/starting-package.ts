/** The first files of a new course exercise: the smallest package that passes its check. */
import type { DataExerciseInput } from "../exercises/data-package/schema";
import type { PackageFiles } from "./types";

const json = (value: DataExerciseInput): string => `${JSON.stringify(value, null, 2)}\n`;

/** A code exercise with one export, one visible example and one hidden test, or a quiz of one question. */
export function startingPackage(kind: "code" | "quiz", id: string, title: string): PackageFiles {
  const meta = { id, title, topic: "Course exercises", points: 10, difficulty: "easy" as const };
  if (kind === "quiz") {
    return {
      "exercise.json": json({
        ...meta,
        kind: "quiz",
        questions: [
          {
            id: "q1",
            kind: "single",
            prompt: "Which activation function outputs values between 0 and 1?",
            choices: [
              { id: "sigmoid", text: "Sigmoid", correct: true },
              { id: "relu", text: "ReLU" },
            ],
            explanation: "The sigmoid squashes any real number into (0, 1); ReLU is unbounded above.",
          },
        ],
      }),
      "prompt.md": `# ${title}\n\nAnswer each question.\n`,
    };
  }
  return {
    "exercise.json": json({
      ...meta,
      kind: "code",
      exports: ["double"],
      examples: [{ name: "example: double(2)", call: "double", args: [2] }],
      tests: [{ name: "a negative number", call: "double", args: [-3.5], hint: "multiply the number by 2" }],
    }),
    "prompt.md": `# ${title}\n\nWrite \`double(x)\`, which returns twice \`x\`.\n`,
    "starter.ts": `export function double(x: number): number {\n  // TODO: return twice x.\n  return 0;\n}\n`,
    "solution.ts": `export function double(x: number): number {\n  return 2 * x;\n}\n`,
  };
}
