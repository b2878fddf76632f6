import type { DbOrTx } from "../db/transaction";
import { selectGrantViews, type GrantView } from "./grant-row";

/** Every grant of the course with the names of its student or group, assessment and granter. */
export async function listCourseGrants(db: DbOrTx, courseId: string): Promise<GrantView[]> {
  return selectGrantViews(db, courseId);
}
