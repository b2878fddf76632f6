/**
 * The authoring sandbox port (re-exported as lib/authoring/sandbox-port.ts; it lives here because
 * lib/exercises/resolve.ts serves course quizzes through it and lib folders import one way only).
 * What authoring needs of the sandbox, and nothing more: grade code against a draft's (or a version's)
 * artefact, and run an authored task (a quiz's seeded params and answers, a package's test outline)
 * where checks.ts may run. The web process uses its grader pool (lib/startup/authoring-sandbox.ts);
 * tests and the CLI install an in-process one. The server itself never evaluates checks.ts.
 */
import type { GradingArtefact } from "../grading/artefact";
import type { EngineResult } from "../grading/result";
import type { AuthoredTask, AuthoredTaskOutput, OutlineOutput } from "../grading/authored";

export type { AuthoredTask, AuthoredTaskOutput, OutlineOutput, QuizVariantsOutput } from "../grading/authored";
/** The task's result: a quiz's params and answers for one seed, or a package's outline and generator problems. */
export type AuthoredTaskResult<T extends AuthoredTask> = AuthoredTaskOutput<T>;
export type OutlineResult = OutlineOutput;

export interface AuthoringSandbox {
  /** Grades `source` against the artefact (only the visible examples with `examplesOnly`); always resolves. */
  grade(artefact: GradingArtefact, source: string, options?: { examplesOnly?: boolean }): Promise<EngineResult>;
  /** Runs an authored task in a sandbox; rejects with the task's error (a named check or generator failure). */
  runTask<T extends AuthoredTask>(task: T): Promise<AuthoredTaskResult<T>>;
}

const store = globalThis as typeof globalThis & { __tensorgradeAuthoringSandbox?: AuthoringSandbox };

/** Installs the process's sandbox (startApp: the grader pool; tests: an in-process one). */
export function setAuthoringSandbox(sandbox: AuthoringSandbox | undefined): void {
  store.__tensorgradeAuthoringSandbox = sandbox;
}

/** The process's sandbox; throws when none was installed (a quiz with sandboxed params cannot be served without it). */
export function getAuthoringSandbox(): AuthoringSandbox {
  const sandbox = store.__tensorgradeAuthoringSandbox;
  if (!sandbox) throw new Error("no authoring sandbox is installed in this process (startApp installs the grader pool's)");
  return sandbox;
}
