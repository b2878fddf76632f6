/** Messages between the pool supervisor and its grader children (parsed on both sides). */
import { z } from "zod";
import { GradingArtefactSchema } from "../artefact";
import { AuthoredTaskSchema } from "../authored/tasks";
import { LimitOverridesSchema } from "../limits";
import { EngineResultSchema, EngineTestResultSchema } from "../result";

export const JobSchema = z.object({
  type: z.literal("grade"),
  jobId: z.number().int(),
  /** The exercise version to grade against, whole: the child reads no exercise from its own disk. */
  artefact: GradingArtefactSchema,
  source: z.string(),
  limits: LimitOverridesSchema.optional(),
  examplesOnly: z.boolean().optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** An authored task (lib/grading/authored/tasks.ts): checks.ts run for data, not for a submission. */
export const TaskJobSchema = z.object({
  type: z.literal("task"),
  jobId: z.number().int(),
  task: AuthoredTaskSchema,
});
export type TaskJob = z.infer<typeof TaskJobSchema>;

export const ChildJobSchema = z.discriminatedUnion("type", [JobSchema, TaskJobSchema]);

export const ChildMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), pid: z.number().int() }),
  /** Sent once the child knows the exercise: the supervisor arms its deadline from `submissionMs`. */
  z.object({ type: z.literal("started"), jobId: z.number().int(), submissionMs: z.number(), testNames: z.array(z.string()) }),
  z.object({ type: z.literal("test"), jobId: z.number().int(), index: z.number().int().min(0), result: EngineTestResultSchema }),
  z.object({ type: z.literal("done"), jobId: z.number().int(), result: EngineResultSchema }),
  /** An authored task's output (validated by the supervisor against the task's output schema). */
  z.object({ type: z.literal("task-done"), jobId: z.number().int(), output: z.unknown() }),
  /** An authored task failed: the message names the question or export (not retried). */
  z.object({ type: z.literal("task-failed"), jobId: z.number().int(), error: z.string() }),
  /** The grader itself failed (not the submission): the supervisor retries once. */
  z.object({ type: z.literal("failed"), jobId: z.number().int(), error: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;

export const ChildConfigSchema = z.object({
  /** The folder the child imports artefact modules from (written and removed by its supervisor; read-only to the child). */
  artefactFolder: z.string().min(1),
  useSnapshot: z.boolean(),
  submissionsPerIsolate: z.number().int().min(1),
  dropPrivileges: z.boolean(),
});
export type ChildConfig = z.infer<typeof ChildConfigSchema>;
