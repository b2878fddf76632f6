/** Resource limits for one submission; exercises may override any of them. */
import { z } from "zod";

export const LimitsSchema = z.object({
  /** V8 heap limit of the isolate (soft: a determined attacker gets 2–3× before it stops). */
  memoryMb: z.number().int().min(32).max(4096).default(256),
  /** Time one test call may run, promises and microtasks included. */
  callMs: z.number().int().min(10).max(120_000).default(1_000),
  /** Time the module's top level may run. */
  loadMs: z.number().int().min(10).max(120_000).default(2_000),
  /** Total time of one submission; the pool SIGKILLs a grader that overruns it. */
  submissionMs: z.number().int().min(100).max(600_000).default(15_000),
  /** Values (numbers, nodes) one result may hold. */
  resultItems: z.number().int().min(100).max(50_000_000).default(1_000_000),
  /** Nesting depth of one result. */
  resultDepth: z.number().int().min(2).max(256).default(32),
  /** Bytes of console output kept per submission. */
  consoleBytes: z.number().int().min(0).max(1_000_000).default(8_192),
});
export type Limits = z.infer<typeof LimitsSchema>;

/**
 * Some limits, each optional and without defaults. (`LimitsSchema.partial()` would fill in every
 * default, and a job's defaults would then override an exercise's own limits.)
 */
export const LimitOverridesSchema = z.object(
  Object.fromEntries(Object.entries(LimitsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
    [K in keyof typeof LimitsSchema.shape]: z.ZodOptional<ReturnType<(typeof LimitsSchema.shape)[K]["unwrap"]>>;
  },
);
export type LimitOverrides = z.infer<typeof LimitOverridesSchema>;

/** Full limits from partial overrides (defaults fill the rest). */
export function resolveLimits(...overrides: (LimitOverrides | undefined)[]): Limits {
  const merged: Record<string, unknown> = {};
  for (const o of overrides) if (o) Object.assign(merged, o);
  return LimitsSchema.parse(merged);
}

/**
 * The overrides an exercise authored in the app may set: a course author shares the grader pool with
 * every other course, so no single package may claim it for minutes (the repository's own packages,
 * reviewed code, keep LimitOverridesSchema's wider bounds).
 */
export const AuthoredLimitOverridesSchema = LimitOverridesSchema.extend({
  memoryMb: z.number().int().min(32).max(512).optional(),
  callMs: z.number().int().min(10).max(10_000).optional(),
  loadMs: z.number().int().min(10).max(10_000).optional(),
  submissionMs: z.number().int().min(100).max(60_000).optional(),
  resultItems: z.number().int().min(100).max(5_000_000).optional(),
  consoleBytes: z.number().int().min(0).max(65_536).optional(),
}).strict();
