import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import {
  createGradeCategory,
  deleteGradeCategory,
  GradeCategoryInputSchema,
  moveGradeCategory,
  setAssessmentCategory,
  updateGradeCategory,
} from "@/lib/courses/grade-categories";
import { keepingTyped } from "../_forms/form-state";

const Course = { slug: z.string().min(1) };
const CategoryId = { categoryId: z.uuid("is not a category of this course") };
const CreateSchema = z.object({ ...Course, ...GradeCategoryInputSchema.shape });
const UpdateSchema = z.object({ ...Course, ...CategoryId, ...GradeCategoryInputSchema.shape });
const DeleteSchema = z.object({ ...Course, ...CategoryId });
const MoveSchema = z.object({ ...Course, ...CategoryId, direction: z.enum(["up", "down"], "must be up or down") });
const AssessmentCategorySchema = z.object({
  ...Course,
  assessmentId: z.uuid("is not an assessment of this course"),
  // The select's "No category" option sends an empty value.
  categoryId: z.union([z.literal("").transform(() => null), z.uuid("is not a category of this course")]),
});

type Message = { message: string };

/**
 * The grading page's server actions (instructors: edit-grading); `dependencies` lets tests act as a given user.
 * A refused create or save answers the values typed, which the form shows again.
 */
export function createGradingHandlers(dependencies?: ActionDependencies) {
  const courseFor = async (user: Parameters<typeof requireCourseAccess>[0], slug: string) => (await requireCourseAccess(user, slug, "edit-grading")).course;
  return {
    createCategory: keepingTyped(
      action(
        CreateSchema,
        async ({ slug, ...input }, { user }): Promise<Message> => {
          const course = await courseFor(user, slug);
          const category = await createGradeCategory(await getDb(), course.id, input);
          return { message: `Category "${category.name}" added.` };
        },
        dependencies,
      ),
    ),
    updateCategory: keepingTyped(
      action(
        UpdateSchema,
        async ({ slug, categoryId, ...changes }, { user }): Promise<Message> => {
          const course = await courseFor(user, slug);
          const category = await updateGradeCategory(await getDb(), course.id, categoryId, changes);
          return { message: `"${category.name}" saved.` };
        },
        dependencies,
      ),
    ),
    deleteCategory: action(
      DeleteSchema,
      async ({ slug, categoryId }, { user }): Promise<Message> => {
        const course = await courseFor(user, slug);
        await deleteGradeCategory(await getDb(), course.id, categoryId);
        return { message: "Category removed; its assessments are in no category now." };
      },
      dependencies,
    ),
    moveCategory: action(
      MoveSchema,
      async ({ slug, categoryId, direction }, { user }): Promise<Message> => {
        const course = await courseFor(user, slug);
        await moveGradeCategory(await getDb(), course.id, categoryId, direction);
        return { message: `Moved ${direction}.` };
      },
      dependencies,
    ),
    setAssessmentCategory: action(
      AssessmentCategorySchema,
      async ({ slug, assessmentId, categoryId }, { user }): Promise<Message> => {
        const course = await courseFor(user, slug);
        await setAssessmentCategory(await getDb(), course.id, assessmentId, categoryId);
        return { message: categoryId === null ? "Now in no category." : "Category changed." };
      },
      dependencies,
    ),
  };
}
