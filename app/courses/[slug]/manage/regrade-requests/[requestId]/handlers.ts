import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { resolveRegradeRequest, RegradeResponseSchema } from "@/lib/regrade-requests";
import { keepingTyped } from "../../_forms/form-state";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const ResolveSchema = z.object({
  slug: z.string().min(1).max(100),
  requestId: z.uuid("is not a regrade request"),
  response: RegradeResponseSchema,
  /** Percent, 0..100; empty keeps the score. */
  newScore: z.preprocess(blank, z.coerce.number("must be a number").min(0, "must be at least 0").max(100, "must be at most 100").nullable().default(null)),
});

const percent = (fraction: number | null) => (fraction === null ? "no score" : `${Math.round(fraction * 1000) / 10} %`);

/** The regrade request page's server action; `dependencies` lets tests act as a given user. A refusal answers what was typed. */
export function createRegradeRequestHandlers(dependencies?: ActionDependencies) {
  return {
    resolve: keepingTyped(
      action(
        ResolveSchema,
        async ({ slug, requestId, response, newScore }, { user }) => {
          const { course } = await requireCourseAccess(user, slug, "resolve-regrade-requests");
          const resolved = await resolveRegradeRequest(await getDb(), {
            courseId: course.id,
            requestId,
            actorId: user.id,
            response,
            newScore: newScore === null ? null : newScore / 100,
          });
          const change =
            resolved.previousScore === resolved.newScore ? `score kept at ${percent(resolved.newScore)}` : `score ${percent(resolved.previousScore)} → ${percent(resolved.newScore)}`;
          return { message: `Resolved: ${change}.` };
        },
        dependencies,
      ),
    ),
  };
}
