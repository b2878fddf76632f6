import type { Db } from "../db";
import { generateInitialPassword } from "../users/initial-password";
import { createUser, findUserByEmail } from "../users/users";
import { enrolIfAbsent } from "./courses";
import type { RosterRow } from "./roster-csv";

export interface RosterImportReport {
  /** New accounts with their initial password, to be shown to the instructor once and never stored plain. */
  created: Array<{ email: string; name: string; initialPassword: string }>;
  enrolled: string[];
  alreadyMembers: string[];
}

/**
 * Enrols each row (already validated, see parseRosterCsv) as a student, creating accounts that do not
 * exist yet; never changes an existing member's role. All in one transaction: if any row fails, no
 * account is created, so none is left behind whose one-time password nobody saw.
 */
export async function importRoster(db: Db, courseId: string, rows: readonly RosterRow[]): Promise<RosterImportReport> {
  return db.transaction(async (tx) => {
    const report: RosterImportReport = { created: [], enrolled: [], alreadyMembers: [] };
    for (const row of rows) {
      let user = await findUserByEmail(tx, row.email);
      if (!user) {
        const initialPassword = generateInitialPassword();
        user = await createUser(tx, { email: row.email, name: row.name, password: initialPassword });
        report.created.push({ email: user.email, name: user.name, initialPassword });
      }
      if (await enrolIfAbsent(tx, courseId, user.id, "student")) report.enrolled.push(user.email);
      else report.alreadyMembers.push(user.email);
    }
    return report;
  });
}
