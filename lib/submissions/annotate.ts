import type { StoredGrade } from "./lifecycle";

/** What annotation needs of an exercise version's tests (a loaded package, or a stored artefact's outline). */
interface TestOutline {
  exercise: { examples: ReadonlyArray<{ name: string }>; tests: ReadonlyArray<{ name: string; misconception?: string }> };
}

type GradedTest = { name: string; passed: boolean; message: string; unjudged?: "limit" | "not_run" };

/**
 * Adds what the package knows about each graded test: hidden or a visible example, and the
 * misconception a failure points to (none for a limit hit or a test not run). In "run" mode only the visible examples are kept and scored.
 */
export function annotateTests(
  pkg: TestOutline,
  result: { status: StoredGrade["status"]; tests: GradedTest[]; console: string; message?: string; score: number },
  mode: "run" | "submit",
): StoredGrade {
  const examples = new Set(pkg.exercise.examples.map((test) => test.name));
  const misconceptions = new Map(pkg.exercise.tests.map((test) => [test.name, test.misconception]));
  let tests = result.tests.map(({ unjudged, ...test }) => ({
    ...test,
    hidden: !examples.has(test.name),
    // A test that hit a limit or did not run says nothing about what the student believes.
    misconception: unjudged ? undefined : misconceptions.get(test.name),
  }));
  let score = result.score;
  if (mode === "run") {
    tests = tests.filter((test) => !test.hidden);
    score = tests.length === 0 ? 0 : tests.filter((test) => test.passed).length / tests.length;
  }
  return { status: result.status, score, tests, console: result.console, message: result.message };
}
