import type { EngineResult } from "@/lib/grading/result";
import type { SubmissionState } from "../use-submission";

/**
 * A draft's grading as the student's page would show it: the same annotation the app records (hidden unless
 * a visible example, values shown only for examples, a Run keeps and scores only the examples), as the
 * SubmissionState that SubmissionResult renders.
 */
export function tryResultView(result: EngineResult, exampleNames: readonly string[], mode: "run" | "submit"): SubmissionState {
  const examples = new Set(exampleNames);
  let tests = result.tests.map((test) => {
    const hidden = !examples.has(test.name);
    return { name: test.name, passed: test.passed, message: test.message, hidden, ...(!hidden && test.shown && "expected" in test.shown ? { shown: { expected: test.shown.expected, actual: test.shown.actual } } : {}) };
  });
  let score = result.score;
  if (mode === "run") {
    tests = tests.filter((test) => !test.hidden);
    score = tests.length === 0 ? 0 : tests.filter((test) => test.passed).length / tests.length;
  }
  return {
    id: "try",
    status: result.status === "error" ? "error" : "graded",
    verdict: result.status,
    score: result.status === "error" ? null : score,
    message: result.message ?? null,
    console: result.console,
    mode,
    tests,
  };
}
