import "server-only";
import path from "node:path";
import { getDb } from "../db";
import { importTypeScript } from "../exercises/import-typescript";
import { GradingService, type CodeGrader } from "./grading-service";

const store = globalThis as typeof globalThis & { __tensorgradeGrading?: Promise<GradingService> };

/**
 * The app process's grading service (embedded mode owns its grader pool). The pool is loaded from
 * source at run time, not bundled: its children are separate Node processes that run the same files.
 */
export function getGradingService(): Promise<GradingService> {
  store.__tensorgradeGrading ??= (async () => {
    const poolModule = (await importTypeScript(
      path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "grading", "pool", "pool.ts"),
    )) as typeof import("../grading/pool/pool");
    const grader: CodeGrader = new poolModule.GraderPool();
    return new GradingService({ db: await getDb(), grader });
  })();
  return store.__tensorgradeGrading;
}
