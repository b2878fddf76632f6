import type { JobType } from "../port";

/*
 * Queue names as pg-boss sees them: a job type's queue has the type's name, and its dead letter the
 * name with "-dead" (kept as they were before the port, so that jobs already stored stay valid).
 */

/** The schema that holds pg-boss's tables, in the app's database. */
export const PGBOSS_SCHEMA = "pgboss";

export function workQueueOf(type: Pick<JobType<unknown>, "name">): string {
  return type.name;
}

/** Where pg-boss copies a job whose every delivery failed (crashed workers included). */
export function deadQueueOf(type: Pick<JobType<unknown>, "name">): string {
  return `${type.name}-dead`;
}
