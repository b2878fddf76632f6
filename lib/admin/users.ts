import { and, asc, count, eq, ilike, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { courses, enrolments, users, type CourseRole, type User } from "../db/schema";
import { AppError } from "../errors";
import { hasControlCharacter } from "../http/safe-text";
import { bumpSessionVersion, resetPassword, setAccountDisabled } from "../users/accounts";
import { findUserById } from "../users/users";

export const USERS_PAGE_SIZE = 20;

export const USER_ROLE_FILTERS = ["admin", "instructor", "ta", "student", "disabled"] as const;
export type UserRoleFilter = (typeof USER_ROLE_FILTERS)[number];

export const UserListQuerySchema = z.object({
  // PostgreSQL refuses NUL in a pattern: a search with a control character is no search.
  q: z.string().trim().max(200).refine((text) => !hasControlCharacter(text)).catch(""),
  role: z.enum(USER_ROLE_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
/** As read from the page's search parameters: anything unreadable falls back to no filter and the first page. */
export interface UserListQuery {
  q?: unknown;
  role?: unknown;
  page?: unknown;
}

export interface ListedUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  courses: Array<{ slug: string; title: string; role: CourseRole }>;
}

export interface UserList {
  users: ListedUser[];
  total: number;
  page: number;
  pageCount: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function roleCondition(role: UserRoleFilter): SQL {
  if (role === "admin") return eq(users.isAdmin, true);
  if (role === "disabled") return isNotNull(users.disabledAt);
  return sql`exists (select 1 from ${enrolments} where ${enrolments.userId} = ${users.id} and ${enrolments.role} = ${role})`;
}

/** The site's accounts by email, filtered by a search in email or name and by role, a page at a time, with their courses. */
export async function listUsers(db: Db, input: UserListQuery = {}): Promise<UserList> {
  const query = UserListQuerySchema.parse(input);
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(users.email, likePattern(query.q)), ilike(users.name, likePattern(query.q)))!);
  if (query.role) conditions.push(roleCondition(query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(users).where(where);
  const total = Number(totalRow?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE);
  const memberships = rows.length
    ? await db
        .select({ userId: enrolments.userId, slug: courses.slug, title: courses.title, role: enrolments.role })
        .from(enrolments)
        .innerJoin(courses, eq(courses.id, enrolments.courseId))
        .where(inArray(enrolments.userId, rows.map((row) => row.id)))
        .orderBy(asc(courses.title))
    : [];
  return {
    users: rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      isAdmin: row.isAdmin,
      disabled: row.disabledAt !== null,
      mustChangePassword: row.mustChangePassword,
      courses: memberships.filter((m) => m.userId === row.id).map(({ slug, title, role }) => ({ slug, title, role })),
    })),
    total,
    page,
    pageCount,
  };
}

export const AccountTargetSchema = z.object({ userId: z.uuid("is not an account") });

async function requireOtherAccount(db: Db, admin: User, userId: string): Promise<User> {
  const target = await findUserById(db, userId);
  if (!target) throw new AppError("NOT_FOUND", "No such account.");
  // An admin locking themselves out would leave nobody to undo it.
  if (target.id === admin.id) throw new AppError("FORBIDDEN", "Use your account page for your own account.");
  return target;
}

/** Disables or re-enables another account. */
export async function adminSetDisabled(db: Db, admin: User, userId: string, disabled: boolean): Promise<User> {
  const target = await requireOtherAccount(db, admin, userId);
  await setAccountDisabled(db, target.id, disabled);
  return target;
}

/** Ends every session of another account. */
export async function adminSignOutEverywhere(db: Db, admin: User, userId: string): Promise<User> {
  const target = await requireOtherAccount(db, admin, userId);
  await bumpSessionVersion(db, target.id);
  return target;
}

/** Gives another account a new one-time password; returns it to be shown once. */
export async function adminResetPassword(db: Db, admin: User, userId: string): Promise<{ user: User; initialPassword: string }> {
  const target = await requireOtherAccount(db, admin, userId);
  return { user: target, initialPassword: await resetPassword(db, target.id) };
}
