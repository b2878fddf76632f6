import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { createAssignment } from "@/lib/courses/assignments";
import { findExerciseSummary } from "@/lib/courses/assignment-catalogue";
import { AppError } from "@/lib/errors";

const AssignSchema = z.object({ slug: z.string().min(1), exerciseId: z.string().min(1).max(200) });

/** The "Add assignment" page's server action; `dependencies` lets tests act as a given user. */
export function createNewAssignmentHandlers(dependencies?: ActionDependencies) {
  return {
    assignExercise: action(
      AssignSchema,
      async ({ slug, exerciseId }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "edit-assignment");
        const db = await getDb();
        const exercise = await findExerciseSummary(db, exerciseId);
        if (!exercise) throw new AppError("NOT_FOUND", `There is no exercise "${exerciseId}" in the catalogue.`);
        const assignment = await createAssignment(db, course.id, { exerciseId, points: exercise.points });
        return { message: `${exercise.title} assigned.`, assignmentId: assignment.id, slug: course.slug };
      },
      dependencies,
    ),
  };
}
