import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isLinkedToCourse } from "@/lib/lti/roster/linked-courses";
import { describeRosterSync } from "@/lib/lti/roster/summary";
import { RosterSyncError, syncRoster } from "@/lib/lti/roster/sync";

const SyncSchema = z.object({ slug: z.string().min(1), contextRowId: z.uuid("is not an LMS course of this course") });

/** The outcome of "Sync roster now": the counts, or the LMS's reason when it could not be read. */
export interface RosterSyncOutcome {
  message: string;
  failed: boolean;
}

/** The LMS roster page's server actions; `dependencies` lets tests act as a given user. */
export function createLmsRosterHandlers(dependencies?: ActionDependencies) {
  return {
    syncRoster: action(
      SyncSchema,
      async ({ slug, contextRowId }, { user }): Promise<RosterSyncOutcome> => {
        const { course } = await requireCourseAccess(user, slug, "link-lms");
        const db = await getDb();
        if (!(await isLinkedToCourse(db, course.id, contextRowId))) throw new AppError("NOT_FOUND", "That LMS course is not linked to this course.");
        try {
          return { message: describeRosterSync(await syncRoster(db, contextRowId, { actorId: user.id })), failed: false };
        } catch (error) {
          // The sync ran and recorded why it failed on the LMS course: the page shows it.
          if (error instanceof RosterSyncError) return { message: `The roster could not be synced: ${error.reason}`, failed: true };
          throw error;
        }
      },
      dependencies,
    ),
  };
}
