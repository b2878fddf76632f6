import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { plural } from "@/lib/format/plural";
import { resendPassbacks } from "@/lib/lti/ags/status";

const Course = { slug: z.string().min(1).max(100) };
export const ResendOneSchema = z.object({ ...Course, resourceLinkRowId: z.uuid("is not a placement"), userId: z.uuid("is not a student") });
export type ResendOne = z.infer<typeof ResendOneSchema>;
export const ResendFailedSchema = z.object(Course);

type Message = { message: string };

/** The LMS page's actions: resend one student's passback, or every failed one of the course ("resend-grade-passback"). */
export function createLmsHandlers(dependencies?: ActionDependencies) {
  return {
    resend: action(
      ResendOneSchema,
      async (input, { user }): Promise<Message> => {
        const { course } = await requireCourseAccess(user, input.slug, "resend-grade-passback");
        const queued = await resendPassbacks(await getDb(), course.id, { resourceLinkRowId: input.resourceLinkRowId, userId: input.userId });
        return { message: queued > 0 ? "Queued to be sent again." : "There is no such passback in this course." };
      },
      dependencies,
    ),
    resendFailed: action(
      ResendFailedSchema,
      async (input, { user }): Promise<Message> => {
        const { course } = await requireCourseAccess(user, input.slug, "resend-grade-passback");
        const queued = await resendPassbacks(await getDb(), course.id, "failed");
        return { message: queued > 0 ? `${plural(queued, "failed passback")} queued to be sent again.` : "No passback has failed." };
      },
      dependencies,
    ),
  };
}
