import { z } from "zod";
import { hasControlCharacter } from "../http/safe-text";

/** Largest extra attempts, time multiplier and note a grant may hold. */
export const GRANT_LIMITS = { extraAttempts: 100, timeMultiplier: 10, note: 500, label: 80 } as const;

const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is longer than ${max} characters`)
    .refine((text) => !hasControlCharacter(text), "contains a control character");

/** A group's label ("extra time"): unique within its course. */
export const GroupLabelSchema = oneLine(GRANT_LIMITS.label, "label").pipe(z.string().min(1, "label is empty"));

/** Who a grant is for: one student or one group of the course. */
export const GrantTargetSchema = z.union([z.object({ userId: z.uuid("is not a student") }), z.object({ groupId: z.uuid("is not a group") })]);
export type GrantTarget = z.infer<typeof GrantTargetSchema>;

/**
 * A grant as the lib takes it, dates already read in the course's zone. `assessmentId` null: every
 * assessment of the course (then no due date). Must grant something.
 */
export const GrantInputSchema = z
  .object({
    target: GrantTargetSchema,
    assessmentId: z.uuid("is not an assessment").nullable(),
    dueAt: z.date().nullable().default(null),
    extraAttempts: z
      .number("must be a number")
      .int("must be a whole number")
      .min(0, "must not be negative")
      .max(GRANT_LIMITS.extraAttempts, `must be at most ${GRANT_LIMITS.extraAttempts}`)
      .default(0),
    waiveLatePenalty: z.boolean().default(false),
    timeMultiplier: z
      .number("must be a number")
      .min(1, "must be at least 1")
      .max(GRANT_LIMITS.timeMultiplier, `must be at most ${GRANT_LIMITS.timeMultiplier}`)
      .transform((value) => Math.round(value * 100) / 100)
      .nullable()
      .default(null),
    note: oneLine(GRANT_LIMITS.note, "note").default(""),
  })
  .refine((grant) => grant.dueAt === null || grant.assessmentId !== null, { path: ["dueAt"], message: "needs an assessment: a due date is extended on one assessment" })
  .refine((grant) => grant.dueAt !== null || grant.extraAttempts > 0 || grant.waiveLatePenalty || (grant.timeMultiplier !== null && grant.timeMultiplier > 1), {
    path: ["extraAttempts"],
    message: "grants nothing: give a later due date, extra attempts, a late-penalty waiver or a time multiplier above 1",
  });
export type GrantInput = z.input<typeof GrantInputSchema>;
export type Grant = z.output<typeof GrantInputSchema>;
