import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listExerciseIds } from "@/lib/exercises/catalogue";
import { loadPackage } from "@/lib/exercises/loader";
import { studentExerciseView } from "@/lib/exercises/student-view";

// The snapshot was written by the kind switches before the registry replaced them: every package must
// still give the browser exactly the same view (a digest of the whole view, plus the parts one reads).
describe("the student view of every package in exercises/", () => {
  it("is what it was before exercise kinds became a registry", async () => {
    const views: Record<string, unknown> = {};
    for (const id of listExerciseIds()) {
      const loaded = await loadPackage(id);
      if (!loaded.ok) throw new Error(`${id}: ${loaded.errors.join("; ")}`);
      const view = studentExerciseView(loaded.pkg, "viewer-1");
      const again = studentExerciseView(loaded.pkg, "viewer-2");
      views[id] = {
        kind: view.kind,
        examples: view.kind === "code" ? view.examples.map((example) => example.text) : undefined,
        questions: view.kind === "quiz" ? view.quiz.questions.map((question) => question.id) : undefined,
        digest: digest(view),
        otherViewerDigest: digest(again),
      };
    }
    expect(views).toMatchSnapshot();
  });
});

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}
