import type { RateLimitRule } from "../rate-limit/rate-limit";

/** Largest student source accepted, the grader's own limit. */
export const MAX_CODE_BYTES = 256 * 1024;
/** Largest request body the submission route reads (code plus JSON overhead). */
export const MAX_REQUEST_BYTES = MAX_CODE_BYTES + 16 * 1024;
/** Runs and submits together, per student, across every app instance. */
export const SUBMISSION_RATE: RateLimitRule = { limit: 12, windowMs: 60_000 };
