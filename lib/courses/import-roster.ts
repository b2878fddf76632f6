import { hashPassword } from "../users/password";
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
  // Passwords for the accounts that look new are made and hashed before the transaction opens; an
  // account created meanwhile by someone else is simply found inside it.
  const newPasswords = new Map<string, { initialPassword: string; passwordHash: string }>();
  for (const row of rows) {
    if (newPasswords.has(row.email) || (await findUserByEmail(db, row.email))) continue;
    const initialPassword = generateInitialPassword();
    newPasswords.set(row.email, { initialPassword, passwordHash: await hashPassword(initialPassword) });
  }
  return db.transaction(async (tx) => {
    const report: RosterImportReport = { created: [], enrolled: [], alreadyMembers: [] };
    for (const row of rows) {
      let user = await findUserByEmail(tx, row.email);
      if (!user) {
        const made = newPasswords.get(row.email);
        const initialPassword = made?.initialPassword ?? generateInitialPassword();
        user = await createUser(tx, { email: row.email, name: row.name, password: initialPassword, mustChangePassword: true }, made);
        report.created.push({ email: user.email, name: user.name, initialPassword });
      }
      if (await enrolIfAbsent(tx, courseId, user.id, "student")) report.enrolled.push(user.email);
      else report.alreadyMembers.push(user.email);
    }
    return report;
  });
}
