import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { adjustSubmissionScore, MAX_OVERRIDE_COMMENT, setAssessmentScore, type ScoreEntry } from "@/lib/overrides/staff-overrides";
import { keepingTyped } from "../../_forms/form-state";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The fields both score forms share: what to do, the score and its unit, and the comment. */
const EntryFields = {
  slug: z.string().min(1).max(100),
  change: z.enum(["set", "remove", "comment"], "choose what to do"),
  score: z.preprocess(blank, z.coerce.number("must be a number").optional()),
  unit: z.enum(["percent", "points"], "choose percent or points").default("percent"),
  comment: z.string().max(MAX_OVERRIDE_COMMENT, `at most ${MAX_OVERRIDE_COMMENT} characters`).default(""),
};

type EntryInput = { change: "set" | "remove" | "comment"; score?: number | undefined; unit: "percent" | "points" };

/** "Set" needs a score: a field error on `score` otherwise. */
function requireScore(input: EntryInput, context: z.RefinementCtx) {
  if (input.change === "set" && input.score === undefined) context.addIssue({ code: "custom", path: ["score"], message: "give the new score" });
}

function entryOf(input: EntryInput): ScoreEntry {
  return input.change === "set" ? { kind: "set", value: input.score ?? 0, unit: input.unit } : { kind: input.change };
}

const SubmissionScoreSchema = z
  .object({ ...EntryFields, submissionId: z.uuid("is not a submission") })
  .superRefine(requireScore)
  .transform((input) => ({ ...input, entry: entryOf(input) }));
const AssessmentScoreSchema = z
  .object({ ...EntryFields, assessmentId: z.uuid("is not an assessment"), userId: z.uuid("is not a student") })
  .superRefine(requireScore)
  .transform((input) => ({ ...input, entry: entryOf(input) }));

/** The student page's score forms (override-scores: TAs and instructors); `dependencies` lets tests act as a given user. */
export function createOverrideHandlers(dependencies?: ActionDependencies) {
  return {
    adjustSubmission: keepingTyped(
      action(
        SubmissionScoreSchema,
        async (input, { user }) => {
          const { course } = await requireCourseAccess(user, input.slug, "override-scores");
          return adjustSubmissionScore(await getDb(), { courseId: course.id, submissionId: input.submissionId, entry: input.entry, comment: input.comment, actorId: user.id });
        },
        dependencies,
      ),
    ),
    setAssessment: keepingTyped(
      action(
        AssessmentScoreSchema,
        async (input, { user }) => {
          const { course } = await requireCourseAccess(user, input.slug, "override-scores");
          return setAssessmentScore(await getDb(), {
            courseId: course.id,
            assessmentId: input.assessmentId,
            userId: input.userId,
            entry: input.entry,
            comment: input.comment,
            actorId: user.id,
          });
        },
        dependencies,
      ),
    ),
  };
}
