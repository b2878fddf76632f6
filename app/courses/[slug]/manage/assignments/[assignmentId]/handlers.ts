import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { deleteAssignment, updateAssignment } from "@/lib/courses/assignments";
import { ExplanationReleaseFieldSchema, setExplanationRelease } from "@/lib/courses/assignment-explanations";
import { INSTRUCTOR_ONLY } from "@/lib/courses/staff-roles";
import { fromZonedInput } from "@/lib/courses/zoned-time";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const EditSchema = z.object({
  slug: z.string().min(1),
  assignmentId: z.string().min(1),
  opensAt: z.string().default(""),
  dueAt: z.string().default(""),
  lateCutoffAt: z.string().default(""),
  attemptLimit: z.preprocess(blankToNull, z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(1000).nullable()),
  points: z.coerce.number("must be a number").int("must be a whole number").min(0, "must not be negative").max(10_000),
  latePolicy: z.enum(["none", "penalty"], "must be none or penalty"),
  latePenaltyPerDay: z.preprocess((value) => blankToNull(value) ?? 0, z.coerce.number("must be a number").min(0, "must be 0 to 100").max(100, "must be 0 to 100")),
  explanationRelease: ExplanationReleaseFieldSchema,
});

const RemoveSchema = z.object({
  slug: z.string().min(1),
  assignmentId: z.string().min(1),
  confirm: z.literal("yes", "tick the box to confirm"),
});

/** A datetime-local field read in the course's time zone; empty means "no date". */
function zonedField(timeZone: string) {
  return z.string().transform((value, context) => {
    if (value.trim() === "") return null;
    try {
      return fromZonedInput(value, timeZone);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof RangeError ? error.message : "is not a date and time" });
      return z.NEVER;
    }
  });
}

/** The assignment edit page's server actions; `dependencies` lets tests act as a given user. */
export function createAssignmentHandlers(dependencies?: ActionDependencies) {
  return {
    updateAssignment: action(
      EditSchema,
      async (input, { user }) => {
        const { course } = await requireCourseRole(user, input.slug, INSTRUCTOR_ONLY);
        const zoned = zonedField(course.timeZone);
        const dates = z.object({ opensAt: zoned, dueAt: zoned, lateCutoffAt: zoned }).parse(input);
        await updateAssignment(await getDb(), course.id, input.assignmentId, {
          ...dates,
          attemptLimit: input.attemptLimit,
          points: input.points,
          latePolicy: input.latePolicy,
          latePenaltyPerDay: input.latePenaltyPerDay,
        });
        if (input.explanationRelease !== undefined) await setExplanationRelease(await getDb(), course.id, input.assignmentId, input.explanationRelease);
        return { message: "Saved. The new dates and rules apply from now on." };
      },
      dependencies,
    ),
    removeAssignment: action(
      RemoveSchema,
      async ({ slug, assignmentId }, { user }) => {
        const { course } = await requireCourseRole(user, slug, INSTRUCTOR_ONLY);
        await deleteAssignment(await getDb(), course.id, assignmentId);
        return { message: "Assignment removed.", slug: course.slug };
      },
      dependencies,
    ),
  };
}
