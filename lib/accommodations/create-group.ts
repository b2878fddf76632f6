import type { Db } from "../db";
import { accommodationGroups } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { GroupLabelSchema } from "./schemas";
import type { GroupRef } from "./subjects";
import type { AccommodationScope } from "./types";

/** Creates an accommodation group ("extra time") in the course; its label must be new there (CONFLICT). */
export async function createAccommodationGroup(db: Db, scope: AccommodationScope, label: string): Promise<GroupRef> {
  const name = GroupLabelSchema.parse(label);
  return db.transaction(async (tx) => {
    const [group] = await tx
      .insert(accommodationGroups)
      .values({ courseId: scope.courseId, label: name })
      .onConflictDoNothing()
      .returning({ id: accommodationGroups.id, label: accommodationGroups.label });
    if (!group) throw new AppError("CONFLICT", `There is already a group "${name}" in this course.`);
    await appendAudit(tx, { ...scope, action: "group_created", groupId: group.id, summary: `Created group "${name}"`, after: { label: name } });
    return group;
  });
}
