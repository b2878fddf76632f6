import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { plural } from "@/lib/format/plural";
import { createAssessment, reorderAssessments, updateAssessment } from "@/lib/courses/assessments";
import { deleteAssessmentWithGrants } from "@/lib/workflows/delete-assessment";
import { addExerciseToAssessment, reorderAssessmentItems } from "@/lib/courses/assessment-items";
import { deleteAssignment } from "@/lib/courses/assignments";
import { ASSESSMENT_FORM_LABELS, AssessmentFormSchema, assessmentChangesOf, pointsChangesOf } from "@/lib/courses/assessment-form";
import { getAssessmentBuilder, requireItem } from "@/lib/courses/assessment-builder";
import { parseShownValues } from "@/lib/courses/policy-form";
import { setAssessmentRelease } from "@/lib/courses/assessment-release";
import { formatDateTime } from "@/lib/courses/format-date";

const Slug = z.string().min(1).max(100);
const Id = z.string().min(1).max(100);
/** A list of ids from a form: one value arrives as a string, several as an array. */
const IdList = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.uuid("is not an id")).max(500));
const Confirm = z.literal("yes", "tick the box to confirm");

const CreateSchema = AssessmentFormSchema.extend({ slug: Slug });
// Loose: the points controls are named after their assignments (points.<id>).
const UpdateSchema = AssessmentFormSchema.extend({ slug: Slug, assessmentId: Id, shown: z.string().max(100_000).optional() }).loose();
const DeleteSchema = z.object({ slug: Slug, assessmentId: Id, confirm: Confirm });
const ReorderSchema = z.object({ slug: Slug, ids: IdList });
const AddSchema = z.object({ slug: Slug, assessmentId: Id, exerciseId: z.string().min(1).max(200) });
const ReorderItemsSchema = z.object({ slug: Slug, assessmentId: Id, ids: IdList });
const RemoveItemSchema = z.object({ slug: Slug, assessmentId: Id, assignmentId: Id, confirm: Confirm.optional() });
const ReleaseSchema = z.object({ slug: Slug, assessmentId: Id, release: z.enum(["release", "hold"], "must be release or hold") });

/** Edit access to the course's assessments; NOT_FOUND for anyone else, as for a course one is not in. */
const editAccess = (user: Parameters<typeof requireCourseAccess>[0], slug: string) => requireCourseAccess(user, slug, "edit-assignment");

/** The assessment pages' server actions; `dependencies` lets tests act as a given user. */
export function createAssessmentHandlers(dependencies?: ActionDependencies) {
  return {
    createAssessment: action(
      CreateSchema,
      async (input, { user }) => {
        const { course } = await editAccess(user, input.slug);
        const { changes } = assessmentChangesOf(input, course.timeZone, null);
        const assessment = await createAssessment(await getDb(), course.id, { ...changes, title: input.title });
        return { message: `${assessment.title} created.`, slug: course.slug, assessmentId: assessment.id };
      },
      dependencies,
    ),
    updateAssessment: action(
      UpdateSchema,
      async (input, { user }) => {
        const { course } = await editAccess(user, input.slug);
        const db = await getDb();
        const { items } = await getAssessmentBuilder(db, course.id, input.assessmentId);
        const shown = parseShownValues(input.shown);
        const { changes, fields } = assessmentChangesOf(input, course.timeZone, shown);
        const points = pointsChangesOf(input, shown);
        const changedItems = [...points].map(([assignmentId, value]) => ({ item: requireItem(items, assignmentId), value }));
        if (fields.length === 0 && changedItems.length === 0) return { message: "Nothing to save: no field was changed." };
        // One transaction: the rules and every exercise's points are saved together or not at all.
        await updateAssessment(db, course.id, input.assessmentId, fields.length > 0 ? changes : {}, new Map(changedItems.map(({ item, value }) => [item.assignment.id, value])));
        const names = [...fields.map((field) => ASSESSMENT_FORM_LABELS[field]), ...changedItems.map(({ item }) => `Points of ${item.exercise.title}`)];
        return { message: `Saved ${names.join(", ")}.` };
      },
      dependencies,
    ),
    deleteAssessment: action(
      DeleteSchema,
      async ({ slug, assessmentId }, { user }) => {
        const { course } = await editAccess(user, slug);
        const db = await getDb();
        const { assessment } = await getAssessmentBuilder(db, course.id, assessmentId);
        await deleteAssessmentWithGrants(db, course.id, assessmentId, user.id);
        return { message: `${assessment.title} deleted.`, slug: course.slug };
      },
      dependencies,
    ),
    reorderAssessments: action(
      ReorderSchema,
      async ({ slug, ids }, { user }) => {
        const { course } = await editAccess(user, slug);
        await reorderAssessments(await getDb(), course.id, ids);
        return { message: "Order saved." };
      },
      dependencies,
    ),
    addExercise: action(
      AddSchema,
      async ({ slug, assessmentId, exerciseId }, { user }) => {
        const { course } = await editAccess(user, slug);
        const db = await getDb();
        await addExerciseToAssessment(db, course.id, assessmentId, { exerciseId });
        const { items } = await getAssessmentBuilder(db, course.id, assessmentId);
        const position = items.findIndex((item) => item.exercise.id === exerciseId) + 1;
        const title = items[position - 1]?.exercise.title ?? exerciseId;
        return { message: `${title} added as exercise ${position} of ${items.length}.` };
      },
      dependencies,
    ),
    reorderItems: action(
      ReorderItemsSchema,
      async ({ slug, assessmentId, ids }, { user }) => {
        const { course } = await editAccess(user, slug);
        await reorderAssessmentItems(await getDb(), course.id, assessmentId, ids);
        return { message: "Order saved." };
      },
      dependencies,
    ),
    setRelease: action(
      ReleaseSchema,
      async ({ slug, assessmentId, release }, { user }) => {
        const { course } = await editAccess(user, slug);
        const row = await setAssessmentRelease(await getDb(), course.id, assessmentId, release === "release");
        return {
          message: row.releasedAt
            ? `Scores and feedback of ${row.title} released on ${formatDateTime(row.releasedAt, course.timeZone)}: students see them now.`
            : `Scores and feedback of ${row.title} held back: students see “Submitted” until you release them.`,
        };
      },
      dependencies,
    ),
    removeItem: action(
      RemoveItemSchema,
      async ({ slug, assessmentId, assignmentId, confirm }, { user }) => {
        const { course } = await editAccess(user, slug);
        const db = await getDb();
        const { items } = await getAssessmentBuilder(db, course.id, assessmentId);
        const item = requireItem(items, assignmentId);
        const { submissions, runs } = item.activity;
        if (submissions + runs > 0 && confirm !== "yes") {
          throw new AppError(
            "CONFLICT",
            `${item.exercise.title} has ${plural(submissions, "submission")} and ${plural(runs, "run")}: confirm to delete them with it.`,
          );
        }
        await deleteAssignment(db, course.id, assignmentId);
        return { message: `${item.exercise.title} removed.` };
      },
      dependencies,
    ),
  };
}
