import "server-only";
import type { DbOrTx } from "../../db/transaction";

/**
 * Queues a roster sync of a linked LMS course (an lti_contexts row with a memberships URL and a course),
 * in `tx`. Called at each launch and by staff's "Sync roster now".
 */
export async function scheduleRosterSync(tx: DbOrTx, contextRowId: string): Promise<void> {
  // Contract placeholder, implemented with the roster sync (issue 19, helper E).
  void tx;
  void contextRowId;
}
