import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Always stored lower-cased and trimmed. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** scrypt hash; null for an account that has not set a password yet. */
  passwordHash: text("password_hash"),
  isAdmin: boolean("is_admin").notNull().default(false),
  /** Copied into each session token at sign-in; bumping it ends every session issued before. */
  sessionVersion: integer("session_version").notNull().default(0),
  /** The id of the newest sign-in's session; during a timed assessment only that session is served. */
  currentSessionId: text("current_session_id"),
  /** Set for a one-time password (roster import, admin-created account, reset): the next sign-in must choose a new one. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  /** A disabled account cannot sign in; its memberships and work stay. */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
