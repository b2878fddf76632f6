import type { DbOrTx } from "../db/transaction";
import type { Assessment } from "../db/schema";
import { applyAccommodation } from "../scoring/accommodation";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import { policyOf } from "./assessments";
import type { AssignmentPolicy } from "./deadlines";

/** The assessment's dates and rules as they bind one student: with their accommodations applied. */
export async function getStudentPolicy(db: DbOrTx, assessment: Assessment, userId: string): Promise<AssignmentPolicy> {
  return applyAccommodation(policyOf(assessment), await findStudentAccommodation(db, userId, assessment.id));
}
