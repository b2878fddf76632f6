import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { joinCourseWithCode } from "@/lib/courses/join-code";

const JoinSchema = z.object({ code: z.string().trim().min(1, "enter the code your instructor gave you").max(40) });

/** The join page's server action; `dependencies` lets tests act as a given user. */
export function createJoinHandlers(dependencies?: ActionDependencies) {
  return {
    join: action(
      JoinSchema,
      async ({ code }, { user }) => {
        const { course, alreadyMember } = await joinCourseWithCode(await getDb(), user.id, code);
        return { message: alreadyMember ? `You are already in ${course.title}.` : `You joined ${course.title}.`, slug: course.slug };
      },
      dependencies,
    ),
  };
}
