import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { courseRole } from "./enums";
import { users } from "./users";

export const courses = pgTable("courses", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  /** IANA zone in which the course's deadlines are shown. */
  timeZone: text("time_zone").notNull().default("UTC"),
  joinCode: text("join_code").unique(),
  /** Whether the course's TAs may author exercises (instructors always may). */
  tasMayAuthor: boolean("tas_may_author").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const enrolments = pgTable(
  "enrolments",
  {
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: courseRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.courseId, table.userId] }), index("enrolments_user_idx").on(table.userId)],
);

export type Course = typeof courses.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;
export type CourseRole = (typeof courseRole.enumValues)[number];
