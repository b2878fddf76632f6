import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { DeepLinkChoiceSchema } from "@/lib/lti/deep-linking/content-items";
import { completeDeepLinking } from "@/lib/lti/deep-linking/complete";
import { publicOrigin } from "@/lib/lti/tool-urls";
import { keepingTyped } from "@/app/courses/[slug]/manage/_forms/form-state";
import { plural } from "@/lib/format/plural";

/** A checkbox group: absent when none is ticked, a string for one, a list for several. */
const ticked = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const AddSchema = z.object({
  requestId: z.uuid("is not a deep linking request"),
  courseId: DeepLinkChoiceSchema.shape.courseId,
  assessmentIds: z.preprocess(ticked, DeepLinkChoiceSchema.shape.assessmentIds),
  assignmentIds: z.preprocess(ticked, DeepLinkChoiceSchema.shape.assignmentIds),
});

const CancelSchema = z.object({ requestId: z.uuid("is not a deep linking request") });

/** What the page posts on to the LMS (through /lti/deep-link-return). */
export interface DeepLinkAnswerState {
  requestId: string;
  jwt: string;
  message: string;
}

/** The app's public origin for the placements' launch URL: NEXTAUTH_URL, else the host this request came to. */
async function origin(): Promise<string> {
  try {
    const incoming = await headers();
    const host = incoming.get("x-forwarded-host") ?? incoming.get("host");
    const proto = incoming.get("x-forwarded-proto") ?? "http";
    return publicOrigin(host ? `${proto}://${host}/` : undefined);
  } catch {
    // Outside a request (tests calling the action directly).
    return publicOrigin();
  }
}

/** The deep linking picker's server actions; `dependencies` lets tests act as a given user. */
export function createDeepLinkHandlers(dependencies?: ActionDependencies) {
  return {
    add: keepingTyped(
      action(
        AddSchema,
        async ({ requestId, ...choice }, { user }): Promise<DeepLinkAnswerState> => {
          const answer = await completeDeepLinking(await getDb(), { requestId, userId: user.id, choice, origin: await origin(), now: new Date() });
          return { requestId, jwt: answer.jwt, message: `Adding ${plural(answer.items.length, "item")} to your LMS…` };
        },
        dependencies,
      ),
    ),
    cancel: keepingTyped(
      action(
        CancelSchema,
        async ({ requestId }, { user }): Promise<DeepLinkAnswerState> => {
          const answer = await completeDeepLinking(await getDb(), { requestId, userId: user.id, choice: null, origin: await origin(), now: new Date() });
          return { requestId, jwt: answer.jwt, message: "Returning to your LMS without adding anything…" };
        },
        dependencies,
      ),
    ),
  };
}
