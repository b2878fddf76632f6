import { z } from "zod";
import type { RateLimitRule } from "../rate-limit/rate-limit";

/** The longest message a student may send with a regrade request, and the longest staff answer. */
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_RESPONSE_CHARS = 2000;
/** Open requests a student may have in one course at a time: a queue staff can get through. */
export const MAX_OPEN_REQUESTS_PER_STUDENT = 10;
/** New requests per student, across courses: enough for honest use, not for flooding the queue. */
export const REGRADE_REQUEST_RATE: RateLimitRule = { limit: 5, windowMs: 10 * 60_000 };
/** Requests the staff queue lists at once (the filters narrow it). */
export const QUEUE_PAGE_SIZE = 200;

/** A student's message: trimmed, 1..2000 characters. */
export const RegradeMessageSchema = z
  .string()
  .trim()
  .min(1, "say what you would like reviewed")
  .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`);

/** Staff's answer: trimmed, 1..2000 characters (a resolution always says why). */
export const RegradeResponseSchema = z
  .string()
  .trim()
  .min(1, "give the student an answer")
  .max(MAX_RESPONSE_CHARS, `must be at most ${MAX_RESPONSE_CHARS} characters`);

/** The queue's filters as GET query parameters; anything unreadable falls back to its default. */
export const QueueFiltersSchema = z.object({
  status: z.enum(["open", "resolved", "all"]).catch("open").default("open"),
  assessment: z.uuid().optional().catch(undefined),
  exercise: z.string().trim().min(1).max(200).optional().catch(undefined),
  student: z.string().trim().min(1).max(200).optional().catch(undefined),
});
export type QueueFilters = z.infer<typeof QueueFiltersSchema>;
