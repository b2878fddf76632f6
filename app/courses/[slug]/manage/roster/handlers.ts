import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importRoster } from "@/lib/courses/import-roster";
import { disableJoinCode, formatJoinCode, rotateJoinCode } from "@/lib/courses/join-code";
import { changeMemberRole } from "@/lib/courses/members";
import { removeCourseMember } from "@/lib/workflows/remove-course-member";
import { parseRosterCsv } from "@/lib/courses/roster-csv";
import { MAX_ROSTER_BYTES } from "@/lib/courses/roster-limits";
import { plural } from "@/lib/format/plural";
import { resetStudentPassword, type StudentReset } from "@/lib/auth/student-reset";

const Course = { slug: z.string().min(1) };
const ImportSchema = z.object({ ...Course, roster: z.instanceof(File, { message: "choose a CSV file" }) });
const MemberSchema = z.object({ ...Course, userId: z.uuid("is not a member") });
const RoleSchema = MemberSchema.extend({ role: z.enum(["student", "ta", "instructor"], "must be student, ta or instructor") });

export interface RosterImportResult {
  message: string;
  enrolled: Array<{ line: number; email: string; name: string }>;
  alreadyMembers: string[];
  errors: Array<{ line: number; message: string }>;
  /** New accounts' initial passwords: in this response only, never stored in clear. */
  created: Array<{ email: string; name: string; initialPassword: string }>;
}

/** A student's new one-time password: in this response only, never stored in clear. */
export interface StudentPasswordReset extends StudentReset {
  message: string;
}

/** The roster page's server actions; `dependencies` lets tests act as a given user. */
export function createRosterHandlers(dependencies?: ActionDependencies) {
  return {
    importRoster: action(
      ImportSchema,
      async ({ slug, roster }, { user }): Promise<RosterImportResult> => {
        const { course } = await requireCourseAccess(user, slug, "manage-roster");
        if (roster.size === 0) throw new AppError("INVALID_INPUT", "The roster file is empty.");
        if (roster.size > MAX_ROSTER_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The roster file is larger than 512 KB.");
        const { rows, errors } = parseRosterCsv(await roster.text());
        const report = await importRoster(await getDb(), course.id, rows);
        const enrolledSet = new Set(report.enrolled);
        const enrolled = rows.filter((row) => enrolledSet.has(row.email)).map(({ line, email, name }) => ({ line, email, name }));
        return {
          message: `Imported ${enrolled.length} of ${plural(rows.length + errors.length, "row")}.`,
          enrolled,
          alreadyMembers: report.alreadyMembers,
          errors,
          created: report.created,
        };
      },
      dependencies,
    ),
    changeRole: action(
      RoleSchema,
      async ({ slug, userId, role }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "manage-roster");
        await changeMemberRole(await getDb(), course.id, userId, role);
        return { message: "Role changed." };
      },
      dependencies,
    ),
    removeMember: action(
      MemberSchema,
      async ({ slug, userId }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "manage-roster");
        await removeCourseMember(await getDb(), course.id, userId, user.id);
        return { message: "Removed from the course." };
      },
      dependencies,
    ),
    resetStudentPassword: action(
      MemberSchema,
      async ({ slug, userId }, { user }): Promise<StudentPasswordReset> => {
        const reset = await resetStudentPassword(await getDb(), user, slug, userId);
        return { message: `New one-time password for ${reset.name}; their sessions have ended.`, ...reset };
      },
      dependencies,
    ),
    rotateJoinCode: action(
      z.object(Course),
      async ({ slug }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "manage-roster");
        const code = await rotateJoinCode(await getDb(), course.id);
        return { message: `New join code: ${formatJoinCode(code)}. The old one no longer works.` };
      },
      dependencies,
    ),
    disableJoinCode: action(
      z.object(Course),
      async ({ slug }, { user }) => {
        const { course } = await requireCourseAccess(user, slug, "manage-roster");
        await disableJoinCode(await getDb(), course.id);
        return { message: "Joining by code is off." };
      },
      dependencies,
    ),
  };
}
