/** What a Run, Submit or preview request carries: code for the kinds graded in a sandbox, answers for the kinds graded at once. */
import { z } from "zod";
import { AppError } from "../../errors";
import { CodeTextSchema } from "../../http/safe-text";

export const CodeRequestSchema = z.object({ code: CodeTextSchema, mode: z.enum(["run", "submit"]).default("submit") }).strict();
export type CodeRequest = z.infer<typeof CodeRequestSchema>;

export const AnswersRequestSchema = z.object({ answers: z.record(z.string(), z.unknown()) }).strict();
export type AnswersRequest = z.infer<typeof AnswersRequestSchema>;
export type Answers = AnswersRequest["answers"];

/** The request a kind takes, and what its author reads when they send the other kind's. */
export interface RequestSpec<T> {
  schema: z.ZodType<T, unknown>;
  refusal: string;
}

/** The request parsed as the kind takes it; INVALID_INPUT with the kind's refusal when it carries the wrong thing. */
export function acceptRequest<T>(spec: RequestSpec<T>, request: unknown): T {
  const parsed = spec.schema.safeParse(request);
  if (!parsed.success) throw new AppError("INVALID_INPUT", spec.refusal);
  return parsed.data;
}
