import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { deleteAssignment, updateAssignment, type AssignmentChanges } from "@/lib/courses/assignments";
import { ASSIGNMENT_FORM_LABELS, changedFormFields, parseShownValues } from "@/lib/courses/assignment-form";
import { ExplanationReleaseFieldSchema, explanationReleaseField, setExplanationRelease } from "@/lib/courses/assignment-explanations";
import { fromZonedInput } from "@/lib/courses/zoned-time";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const EditSchema = z.object({
  slug: z.string().min(1),
  assignmentId: z.string().min(1),
  opensAt: z.string().default(""),
  dueAt: z.string().default(""),
  lateCutoffAt: z.string().default(""),
  attemptLimit: z.preprocess(
    blankToNull,
    z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").nullable(),
  ),
  points: z.coerce.number("must be a number").int("must be a whole number").min(0, "must not be negative").max(10_000, "must be at most 10000"),
  latePolicy: z.enum(["none", "penalty"], "must be none or penalty"),
  latePenaltyPerDay: z.preprocess((value) => blankToNull(value) ?? 0, z.coerce.number("must be a number").min(0, "must be 0 to 100").max(100, "must be 0 to 100")),
  /** The values the form showed when it was opened (JSON): only the fields that differ from them are saved. */
  shown: z.string().optional(),
  explanationRelease: ExplanationReleaseFieldSchema,
});

// Every field a save can change has a label on the form: a field added to the schema without one fails to compile here.
const SAVED_FIELD_LABELS: Record<keyof AssignmentChanges, string> = ASSIGNMENT_FORM_LABELS;

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
        const { course } = await requireCourseAccess(user, input.slug, "edit-assignment");
        const shown = parseShownValues(input.shown);
        const changed = new Set(changedFormFields(shown, input));
        const release = input.explanationRelease;
        const releaseChanged = release !== undefined && (shown === null || shown.explanationRelease !== explanationReleaseField(release));
        if (changed.size === 0 && !releaseChanged) return { message: "Nothing to save: no field was changed." };
        const zoned = zonedField(course.timeZone);
        const dates = z.object({ opensAt: zoned, dueAt: zoned, lateCutoffAt: zoned }).parse(input);
        const all: Required<AssignmentChanges> = {
          ...dates,
          attemptLimit: input.attemptLimit,
          points: input.points,
          latePolicy: input.latePolicy,
          latePenaltyPerDay: input.latePenaltyPerDay,
        };
        const changes = Object.fromEntries([...changed].map((field) => [field, all[field]]));
        const db = await getDb();
        if (changed.size > 0) await updateAssignment(db, course.id, input.assignmentId, changes);
        if (releaseChanged) await setExplanationRelease(db, course.id, input.assignmentId, release);
        const names = [...[...changed].map((field) => SAVED_FIELD_LABELS[field]), ...(releaseChanged ? ["Quiz explanations"] : [])].join(", ");
        return { message: `Saved ${names}. The new dates and rules apply from now on.` };
      },
      dependencies,
    ),
    removeAssignment: action(
      RemoveSchema,
      async ({ slug, assignmentId }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "edit-assignment");
        await deleteAssignment(await getDb(), course.id, assignmentId, { dropEmptyAssessment: true });
        return { message: "Assignment removed.", slug: course.slug };
      },
      dependencies,
    ),
  };
}
