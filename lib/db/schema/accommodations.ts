import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { courses } from "./courses";
import { users } from "./users";

/** A label given to several students of a course ("extra time"), which accommodations can be granted to. */
export const accommodationGroups = pgTable(
  "accommodation_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("accommodation_groups_course_label_unique").on(table.courseId, table.label)],
);

export const accommodationGroupMembers = pgTable(
  "accommodation_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => accommodationGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.userId] }), index("accommodation_group_members_user_idx").on(table.userId)],
);

/**
 * A grant to one student or to a group, for one assessment or (assessment null) for all of the course's
 * assessments. An extended due date needs an assessment. One grant per target and assessment.
 */
export const accommodations = pgTable(
  "accommodations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => accommodationGroups.id, { onDelete: "cascade" }),
    assessmentId: uuid("assessment_id").references(() => assessments.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    extraAttempts: integer("extra_attempts").notNull().default(0),
    waiveLatePenalty: boolean("waive_late_penalty").notNull().default(false),
    /** Multiplies the time limit of timed work (1.5: half as much time again); null is no change. */
    timeMultiplier: numeric("time_multiplier", { precision: 4, scale: 2 }),
    note: text("note").notNull().default(""),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("accommodations_target_unique").on(table.courseId, table.userId, table.groupId, table.assessmentId).nullsNotDistinct(),
    index("accommodations_user_idx").on(table.userId),
    index("accommodations_group_idx").on(table.groupId),
    check("accommodations_one_target", sql`(${table.userId} is null) <> (${table.groupId} is null)`),
    check("accommodations_due_needs_assessment", sql`${table.dueAt} is null or ${table.assessmentId} is not null`),
    check("accommodations_extra_attempts_range", sql`${table.extraAttempts} >= 0`),
    check("accommodations_time_multiplier_range", sql`${table.timeMultiplier} is null or ${table.timeMultiplier} >= 1`),
  ],
);

/** Every grant, change and revocation of an accommodation or group membership: who, what, when. */
export const accommodationAudit = pgTable(
  "accommodation_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** granted | changed | revoked | group_created | group_deleted | member_added | member_removed */
    action: text("action").notNull(),
    /** The student, group and assessment concerned, as ids; names are kept in `summary` for when they go. */
    userId: uuid("user_id"),
    groupId: uuid("group_id"),
    assessmentId: uuid("assessment_id"),
    summary: text("summary").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("accommodation_audit_course_idx").on(table.courseId, table.at)],
);

/**
 * What each student is granted on each assessment, individual and group grants together, the most
 * generous of each: the latest due date, the most extra attempts, any waiver, the largest multiplier.
 * A student without a grant has no row. Defined in drizzle/0010_assessments.sql.
 */
export const studentAccommodations = pgView("student_accommodations", {
  assessmentId: uuid("assessment_id").notNull(),
  userId: uuid("user_id").notNull(),
  courseId: uuid("course_id").notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }),
  extraAttempts: integer("extra_attempts").notNull(),
  waiveLatePenalty: boolean("waive_late_penalty").notNull(),
  timeMultiplier: numeric("time_multiplier", { precision: 4, scale: 2 }),
}).existing();

export type AccommodationGroup = typeof accommodationGroups.$inferSelect;
export type AccommodationRow = typeof accommodations.$inferSelect;
export type AccommodationAuditRow = typeof accommodationAudit.$inferSelect;
