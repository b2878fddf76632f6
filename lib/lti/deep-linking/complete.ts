import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../../db";
import { ltiContexts, ltiDeepLinkRequests, ltiPlatforms } from "../../db/schema";
import { AppError } from "../../errors";
import { can } from "../../auth/permissions";
import { findMembership } from "../../courses/courses";
import { plural } from "../../format/plural";
import { toolUrls } from "../tool-urls";
import { contentItemsFor, type DeepLinkChoice, type ResourceLinkItem } from "./content-items";
import { courseOption, linkedCourseOf } from "./options";
import { CLOSED_REQUEST_MESSAGE, findOpenDeepLinkRequest } from "./request";
import { signDeepLinkingResponse } from "./response-jwt";

export interface DeepLinkAnswer {
  /** Where the browser posts the response (field JWT). */
  returnUrl: string;
  jwt: string;
  items: ResourceLinkItem[];
}

interface Completion {
  requestId: string;
  userId: string;
  /** Null: the instructor cancelled (an empty content_items list, as the spec allows). */
  choice: DeepLinkChoice | null;
  /** The app's public origin: the launch URL the placements open. */
  origin: string;
  now: Date;
}

/**
 * Answers a deep linking request of the user's own, once: checks the choice against the course (one they
 * may link to the LMS, the LMS course's own when it is linked), links the LMS course to it, marks the
 * request used and signs the response. A refusal changes nothing.
 */
export async function completeDeepLinking(db: Db, { requestId, userId, choice, origin, now }: Completion): Promise<DeepLinkAnswer> {
  const request = await findOpenDeepLinkRequest(db, requestId, userId, now);
  let items: ResourceLinkItem[] = [];
  if (choice) {
    const membership = await findMembership(db, choice.courseId, userId);
    if (!membership || !can(membership, "link-lms")) throw new AppError("NOT_FOUND", "That course is not one you teach, so its assessments cannot be added to the LMS.");
    const linked = await linkedCourseOf(db, request.contextRowId);
    if (linked && linked.id !== membership.course.id) {
      throw new AppError("CONFLICT", `This LMS course is linked to the Tensorgrade course “${linked.title}”: add that course's assessments.`);
    }
    items = contentItemsFor(await courseOption(db, membership.course), choice, toolUrls(origin).launch, request.acceptMultiple);
  }
  return db.transaction(async (tx) => {
    // Claimed in the same statement that checks it, so that two submissions of one request cannot both answer.
    const claimed = await tx
      .update(ltiDeepLinkRequests)
      .set({ usedAt: now })
      .where(and(eq(ltiDeepLinkRequests.id, request.id), isNull(ltiDeepLinkRequests.usedAt), gt(ltiDeepLinkRequests.expiresAt, now)))
      .returning({ id: ltiDeepLinkRequests.id });
    if (claimed.length === 0) throw new AppError("CONFLICT", CLOSED_REQUEST_MESSAGE.used);
    if (choice && request.contextRowId) {
      const tied = await tx
        .update(ltiContexts)
        .set({ courseId: choice.courseId })
        .where(and(eq(ltiContexts.id, request.contextRowId), or(isNull(ltiContexts.courseId), eq(ltiContexts.courseId, choice.courseId))))
        .returning({ id: ltiContexts.id });
      if (tied.length === 0) throw new AppError("CONFLICT", "This LMS course was just linked to another Tensorgrade course: start again from the LMS.");
    }
    const [platform] = await tx.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, request.platformId)).limit(1);
    if (!platform) throw new AppError("NOT_FOUND", "The LMS of this request is no longer registered.");
    const message = items.length === 0 ? "Nothing was added from Tensorgrade." : `Added ${plural(items.length, "item")} from Tensorgrade.`;
    const jwt = await signDeepLinkingResponse(tx, { platform, deploymentId: request.deploymentId, data: request.data, items, message, now });
    return { returnUrl: request.returnUrl, jwt, items };
  });
}
