import type { Assessment } from "../db/schema";

export type ReleasePolicy = Assessment["releasePolicy"];
export type HiddenTestDetail = Assessment["hiddenTestDetail"];

/** What decides whether a student sees their scores: the assessment's policy and the student's own due date. */
export interface ReleaseRules {
  releasePolicy: ReleasePolicy;
  /** Policy "manual": when staff released (null: held back). */
  releasedAt: Date | null;
  /** The student's due date, with any extension (null: none). */
  dueAt: Date | null;
}

/**
 * Whether a student sees the scores and feedback of their Submits on an assessment at `now`:
 * "immediately" always; "after_due" once their own due date has passed (at once without one);
 * "manual" once staff have released. Staff always see everything. Runs are not scores: always shown.
 */
export function scoresReleased(rules: ReleaseRules, now: Date): boolean {
  switch (rules.releasePolicy) {
    case "immediately":
      return true;
    case "after_due":
      return rules.dueAt === null || now.getTime() >= rules.dueAt.getTime();
    case "manual":
      return rules.releasedAt !== null && now.getTime() >= rules.releasedAt.getTime();
  }
}

/**
 * How much a student sees of a Submit's hidden tests: "names_and_hints" (name, pass or fail, message
 * and misconception hint), "names_only" (name, pass or fail), "nothing" (hidden tests not listed). The
 * setting "nothing" means nothing until release: once released, names and hints. Before release the
 * page shows no score and no pass or fail at all, whatever this says (see scoresReleased).
 */
export function hiddenTestsShown(detail: HiddenTestDetail, released: boolean): HiddenTestDetail {
  return detail === "nothing" && released ? "names_and_hints" : detail;
}
