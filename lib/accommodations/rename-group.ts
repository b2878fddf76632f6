import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../db";
import { accommodationGroups } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { GroupLabelSchema } from "./schemas";
import { getCourseGroup, type GroupRef } from "./subjects";
import type { AccommodationScope } from "./types";

/** Gives a group of the course a new label, unique in the course (CONFLICT otherwise). */
export async function renameAccommodationGroup(db: Db, scope: AccommodationScope, groupId: string, label: string): Promise<GroupRef> {
  const name = GroupLabelSchema.parse(label);
  return db.transaction(async (tx) => {
    const group = await getCourseGroup(tx, scope.courseId, groupId);
    if (group.label === name) return group;
    const [taken] = await tx
      .select({ id: accommodationGroups.id })
      .from(accommodationGroups)
      .where(and(eq(accommodationGroups.courseId, scope.courseId), eq(accommodationGroups.label, name), ne(accommodationGroups.id, groupId)));
    if (taken) throw new AppError("CONFLICT", `There is already a group "${name}" in this course.`);
    await tx.update(accommodationGroups).set({ label: name }).where(eq(accommodationGroups.id, groupId));
    await appendAudit(tx, {
      ...scope,
      action: "group_renamed",
      groupId,
      summary: `Renamed group "${group.label}" to "${name}"`,
      before: { label: group.label },
      after: { label: name },
    });
    return { id: groupId, label: name };
  });
}
