import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { accommodationGroupMembers, accommodationGroups, users } from "../db/schema";
import type { StudentRef } from "./subjects";

export interface GroupWithMembers {
  id: string;
  label: string;
  members: StudentRef[];
}

/** The course's accommodation groups by label, each with its members by name. */
export async function listAccommodationGroups(db: DbOrTx, courseId: string): Promise<GroupWithMembers[]> {
  const rows = await db
    .select({ id: accommodationGroups.id, label: accommodationGroups.label, userId: users.id, name: users.name, email: users.email })
    .from(accommodationGroups)
    .leftJoin(accommodationGroupMembers, eq(accommodationGroupMembers.groupId, accommodationGroups.id))
    .leftJoin(users, eq(users.id, accommodationGroupMembers.userId))
    .where(eq(accommodationGroups.courseId, courseId))
    .orderBy(asc(accommodationGroups.label), asc(users.name), asc(users.email));
  const groups = new Map<string, GroupWithMembers>();
  for (const row of rows) {
    let group = groups.get(row.id);
    if (!group) groups.set(row.id, (group = { id: row.id, label: row.label, members: [] }));
    if (row.userId && row.name !== null && row.email !== null) group.members.push({ id: row.userId, name: row.name, email: row.email });
  }
  return [...groups.values()];
}
