import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireCourseAccess } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { fromZonedInput } from "@/lib/courses/zoned-time";
import { plural } from "@/lib/format/plural";
import {
  MAX_ACCOMMODATIONS_CSV_BYTES,
  addGroupMember,
  createAccommodationGroup,
  deleteAccommodationGroup,
  grantAccommodation,
  importAccommodations,
  removeGroupMember,
  renameAccommodationGroup,
  revokeAccommodation,
  type AccommodationsImportReport,
} from "@/lib/accommodations";
import { keepingTyped } from "../_forms/form-state";

const Course = { slug: z.string().min(1).max(100) };
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The grant form: target "user:<id>" or "group:<id>", assessment "all" or an id, dates on the course's clock. */
const GrantFormSchema = z.object({
  ...Course,
  target: z
    .string()
    .regex(/^(user|group):[0-9a-f-]{36}$/i, "choose a student or a group")
    .transform((value) => {
      const [kind, id] = value.split(":") as ["user" | "group", string];
      return kind === "user" ? { userId: id } : { groupId: id };
    }),
  assessmentId: z.union([z.literal("all"), z.uuid("choose an assessment")], "choose an assessment").transform((value) => (value === "all" ? null : value)),
  dueAt: z.string().max(40).default(""),
  extraAttempts: z.preprocess(blank, z.coerce.number("must be a number").int("must be a whole number").default(0)),
  waiveLatePenalty: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
  timeMultiplier: z.preprocess(blank, z.coerce.number("must be a number").nullable().default(null)),
  note: z.string().default(""),
});
const RevokeSchema = z.object({ ...Course, accommodationId: z.uuid("is not an accommodation") });
const GroupSchema = z.object({ ...Course, label: z.string().max(200) });
const GroupIdSchema = z.object({ ...Course, groupId: z.uuid("is not a group") });
const RenameSchema = GroupIdSchema.extend({ label: z.string().max(200) });
const AddMemberSchema = GroupIdSchema.extend({ email: z.string().trim().min(1, "give the student's email").max(254) });
const RemoveMemberSchema = GroupIdSchema.extend({ userId: z.uuid("is not a student") });
const ImportSchema = z.object({ ...Course, accommodations: z.instanceof(File, { message: "choose a CSV file" }) });

export interface AccommodationsImportResult extends AccommodationsImportReport {
  message: string;
}

/** A datetime-local field on the course's clock; empty is none. A bad value is a field error on `dueAt`. */
function readDueAt(value: string, timeZone: string): Date | null {
  if (value.trim() === "") return null;
  try {
    return fromZonedInput(value, timeZone);
  } catch (error) {
    throw new z.ZodError([{ code: "custom", path: ["dueAt"], message: error instanceof RangeError ? error.message : "is not a date and time", input: value }]);
  }
}

/**
 * The accommodations page's server actions (also used on the roster and a student's page); `dependencies`
 * lets tests act as a given user. A refused grant, new group, rename or new member answers the values
 * typed, which the form shows again.
 */
export function createAccommodationHandlers(dependencies?: ActionDependencies) {
  const scopeOf = async (user: User, slug: string) => {
    const { course } = await requireCourseAccess(user, slug, "grant-accommodations");
    return { course, scope: { courseId: course.id, actorId: user.id } };
  };
  return {
    grant: keepingTyped(
      action(
        GrantFormSchema,
        async (input, { user }) => {
          const { course, scope } = await scopeOf(user, input.slug);
          const result = await grantAccommodation(await getDb(), scope, {
            target: input.target,
            assessmentId: input.assessmentId,
            dueAt: readDueAt(input.dueAt, course.timeZone),
            extraAttempts: input.extraAttempts,
            waiveLatePenalty: input.waiveLatePenalty,
            timeMultiplier: input.timeMultiplier,
            note: input.note,
          });
          const verb = { granted: "Granted", changed: "Changed", unchanged: "Nothing to change" }[result.action];
          return { message: `${verb}: ${result.summary}.` };
        },
        dependencies,
      ),
    ),
    revoke: action(
      RevokeSchema,
      async ({ slug, accommodationId }, { user }) => {
        const { scope } = await scopeOf(user, slug);
        return { message: `${await revokeAccommodation(await getDb(), scope, accommodationId)}.` };
      },
      dependencies,
    ),
    createGroup: keepingTyped(
      action(
        GroupSchema,
        async ({ slug, label }, { user }) => {
          const { scope } = await scopeOf(user, slug);
          const group = await createAccommodationGroup(await getDb(), scope, label);
          return { message: `Group "${group.label}" created: add its members below.` };
        },
        dependencies,
      ),
    ),
    renameGroup: keepingTyped(
      action(
        RenameSchema,
        async ({ slug, groupId, label }, { user }) => {
          const { scope } = await scopeOf(user, slug);
          const group = await renameAccommodationGroup(await getDb(), scope, groupId, label);
          return { message: `Renamed to "${group.label}".` };
        },
        dependencies,
      ),
    ),
    deleteGroup: action(
      GroupIdSchema,
      async ({ slug, groupId }, { user }) => {
        const { scope } = await scopeOf(user, slug);
        await deleteAccommodationGroup(await getDb(), scope, groupId);
        return { message: "Group deleted, with its grants." };
      },
      dependencies,
    ),
    addMember: keepingTyped(
      action(
        AddMemberSchema,
        async ({ slug, groupId, email }, { user }) => {
          const { scope } = await scopeOf(user, slug);
          const student = await addGroupMember(await getDb(), scope, groupId, { email });
          return { message: `${student.name} added.` };
        },
        dependencies,
      ),
    ),
    removeMember: action(
      RemoveMemberSchema,
      async ({ slug, groupId, userId }, { user }) => {
        const { scope } = await scopeOf(user, slug);
        await removeGroupMember(await getDb(), scope, groupId, userId);
        return { message: "Removed from the group." };
      },
      dependencies,
    ),
    importCsv: action(
      ImportSchema,
      async ({ slug, accommodations }, { user }): Promise<AccommodationsImportResult> => {
        const { scope } = await scopeOf(user, slug);
        if (accommodations.size === 0) throw new AppError("INVALID_INPUT", "The file is empty.");
        if (accommodations.size > MAX_ACCOMMODATIONS_CSV_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_ACCOMMODATIONS_CSV_BYTES / 1024} KB.`);
        const report = await importAccommodations(await getDb(), scope, await accommodations.text());
        const message =
          report.errors.length > 0
            ? `Nothing was granted: ${plural(report.errors.length, "row needs", "rows need")} fixing first.`
            : `Applied ${plural(report.applied.length, "row")}.`;
        return { message, ...report };
      },
      dependencies,
    ),
  };
}
