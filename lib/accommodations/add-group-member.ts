import type { Db } from "../db";
import { accommodationGroupMembers } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { findCourseStudent, findCourseStudentByEmail, getCourseGroup, type StudentRef } from "./subjects";
import { groupScoreScope, trackAccommodationScores } from "./track-scores";
import type { AccommodationScope } from "./types";

/** Who joins a group: a student of the course by id or by email. */
export type MemberRef = { userId: string } | { email: string };

/**
 * Adds a student of the course (never a TA or an instructor) to a group; they get its grants at once.
 * Adding a member twice is refused (CONFLICT).
 */
export async function addGroupMember(db: Db, scope: AccommodationScope, groupId: string, member: MemberRef): Promise<StudentRef> {
  return db.transaction(async (tx) => {
    const group = await getCourseGroup(tx, scope.courseId, groupId);
    const student =
      "userId" in member ? await findCourseStudent(tx, scope.courseId, member.userId) : await findCourseStudentByEmail(tx, scope.courseId, member.email);
    if (!student) {
      throw new AppError("NOT_FOUND", "email" in member ? `There is no student with email ${member.email} in this course.` : "There is no such student in this course.");
    }
    const assessmentIds = await groupScoreScope(tx, groupId);
    const added = await trackAccommodationScores(tx, { courseId: scope.courseId, userIds: assessmentIds.length === 0 ? [] : [student.id], assessmentIds }, async () =>
      tx.insert(accommodationGroupMembers).values({ groupId, userId: student.id }).onConflictDoNothing().returning({ userId: accommodationGroupMembers.userId }),
    );
    if (added.length === 0) throw new AppError("CONFLICT", `${student.name} is already in group "${group.label}".`);
    await appendAudit(tx, {
      ...scope,
      action: "member_added",
      userId: student.id,
      groupId,
      summary: `${student.name} added to group "${group.label}"`,
      after: { label: group.label, email: student.email },
    });
    return student;
  });
}
