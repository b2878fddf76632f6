import { BaseSequencer, type TestSpecification } from "vitest/node";

// Files known to take minutes start first, so the run does not end on one long file while the other
// worker idles. Vitest's own duration cache is empty on a clean clone (CI), so it cannot know this.
const LONG_FILES = [
  "tests/integration/student-corpus.test.ts",
  "tests/unit/grading/error-lines.test.ts",
  "tests/integration/queue-grading.test.ts",
  "tests/integration/queue-workers.test.ts",
  "tests/security/action-matrix.test.ts",
];

function rank(spec: TestSpecification): number {
  const index = LONG_FILES.findIndex((file) => spec.moduleId.endsWith(file));
  return index === -1 ? LONG_FILES.length : index;
}

export default class LongestFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
