import { z } from "zod";

/** A grading's result as stored on a submission and its test_results rows (the grading CLI's shape plus per-test metadata). */
export const StoredGradeSchema = z.object({
  status: z.enum(["graded", "compile_error", "runtime_error", "timeout", "memory_limit", "error"]),
  score: z.number().min(0).max(1),
  tests: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean(),
      message: z.string(),
      hidden: z.boolean().default(true),
      misconception: z.string().optional(),
      shown: z.object({ expected: z.unknown().optional(), actual: z.unknown().optional() }).optional(),
    }),
  ),
  console: z.string().default(""),
  message: z.string().optional(),
});
export type StoredGrade = z.input<typeof StoredGradeSchema>;
