import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { createRegradeRequest, RegradeMessageSchema } from "@/lib/regrade-requests";
import { keepingTyped } from "@/app/courses/[slug]/manage/_forms/form-state";

const RequestRegradeSchema = z.object({
  slug: z.string().min(1).max(100),
  submissionId: z.uuid("is not a submission"),
  message: RegradeMessageSchema,
});

/** The exercise page's server actions; `dependencies` lets tests act as a given user. A refusal answers what was typed. */
export function createExerciseHandlers(dependencies?: ActionDependencies) {
  return {
    requestRegrade: keepingTyped(
      action(
        RequestRegradeSchema,
        async ({ slug, submissionId, message }, { user }) => {
          const { course } = await requireCourseAccess(user, slug, "request-regrade");
          await createRegradeRequest(await getDb(), { courseId: course.id, userId: user.id, submissionId, message });
          return { message: "Review requested: staff will answer here." };
        },
        dependencies,
      ),
    ),
  };
}
