/** The authoring sandbox in this process (not a test file): what the grader children do, without the pool. */
import type { AuthoringSandbox } from "@/lib/authoring/sandbox-port";
import { dataGradingSpec, runAuthoredTask } from "@/lib/grading/authored";
import type { EngineResult } from "@/lib/grading/result";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

export function inProcessAuthoringSandbox(): AuthoringSandbox {
  const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
  return {
    async grade(artefact, source, options): Promise<EngineResult> {
      let spec;
      try {
        spec = dataGradingSpec(artefact.files);
      } catch (error) {
        return { status: "error", score: 0, tests: [], durationMs: 0, console: "", message: error instanceof Error ? error.message : String(error) };
      }
      return gradeSource(spec, source, { provider, examplesOnly: options?.examplesOnly ?? false });
    },
    runTask: (task) => runAuthoredTask(task),
  };
}
