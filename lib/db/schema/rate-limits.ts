import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Sliding-window counters shared by every app instance (sign-in attempts, submissions). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
  /** Hits in the window before `windowStart`, weighted down as the current window advances. */
  previousCount: integer("previous_count").notNull().default(0),
});
