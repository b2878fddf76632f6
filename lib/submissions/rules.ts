import type { RateLimitRule } from "../rate-limit/rate-limit";

/** Largest student source accepted, the grader's own limit. */
export const MAX_CODE_BYTES = 256 * 1024;
/** Largest request body the submission route reads (code plus JSON overhead). */
export const MAX_REQUEST_BYTES = MAX_CODE_BYTES + 16 * 1024;
/** Submits (code or quiz answers) per student, across every app instance. */
export const SUBMIT_RATE: RateLimitRule = { limit: 12, windowMs: 60_000 };
/** Runs per student: a budget of their own, more generous, since a Run spends no attempt. */
export const RUN_RATE: RateLimitRule = { limit: 30, windowMs: 60_000 };
