import type { AuthoredTask, AuthoredTaskResult, AuthoringSandbox } from "../exercises/authoring-sandbox";
import type { GradingArtefact } from "../grading/artefact";
import type { EngineResult } from "../grading/result";

/** What of a GraderPool the authoring sandbox uses. */
export interface AuthoringPool {
  grade(artefact: GradingArtefact, source: string, limits: undefined, examplesOnly: boolean): Promise<EngineResult>;
  runAuthoredTask<T extends AuthoredTask>(task: T): Promise<AuthoredTaskResult<T>>;
}

/**
 * The authoring sandbox on a grader pool (given, or started on first use): authored code runs in the
 * pool's children under the supervisor's deadline, never in this process.
 */
export function poolAuthoringSandbox(pool: () => Promise<AuthoringPool>): AuthoringSandbox {
  return {
    async grade(artefact, source, options) {
      return (await pool()).grade(artefact, source, undefined, options?.examplesOnly ?? false);
    },
    async runTask<T extends AuthoredTask>(task: T): Promise<AuthoredTaskResult<T>> {
      return (await pool()).runAuthoredTask(task);
    },
  };
}
