import { count } from "drizzle-orm";
import type { Db } from "../db";
import { courses, users } from "../db/schema";
import { getQueueDepth, type QueueDepth } from "../queue/stats";

export interface SiteSummary {
  courses: number;
  users: number;
  queue: QueueDepth;
}

/** What a site admin sees at a glance: how many courses and accounts exist, and the grading backlog. */
export async function getSiteSummary(db: Db, now = new Date()): Promise<SiteSummary> {
  const [[courseRow], [userRow], queue] = await Promise.all([
    db.select({ n: count() }).from(courses),
    db.select({ n: count() }).from(users),
    getQueueDepth(db, now),
  ]);
  return { courses: Number(courseRow?.n ?? 0), users: Number(userRow?.n ?? 0), queue };
}
