/**
 * Authored code (a data package's checks.ts: custom checks, test generators, quiz params and answers)
 * runs only here: in sandbox isolates from the tfjs snapshot, under limits, data in and data out.
 * The one entry for the rest of the app; the pool side is GraderPool.runAuthoredTask.
 */
export { AuthoredSandbox, AUTHORED_LIMITS, MAX_LIMIT_HITS } from "./sandbox";
export type { AuthoredLimits, AuthoredResult, AuthoredRole, AuthoredSandboxOptions, CallOptions } from "./sandbox";
export { buildDataSpec, dataGradingSpec } from "./data-spec";
export type { AuthoredOutline, DataSpecBuild, DataSpecOptions } from "./data-spec";
export { AuthoredTaskError, AuthoredTaskSchema, parseTaskOutput, runAuthoredTask, runAuthoredTaskSync } from "./tasks";
export type { AuthoredTask, AuthoredTaskOutput, OutlineOutput, QuizVariantsOutput } from "./tasks";
export { CHECKS_TS, EXERCISE_JSON, isDataPackage } from "./files";
export { generatorSeed, hash32, questionSeed } from "./rng";
export { DataComparatorSchema, DataTestSchema, ExportNameSchema, readDataExercise } from "./schema";
export type { DataGrading } from "./schema";
