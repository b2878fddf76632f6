import { formatDateTime, formatDateTimeFromNow } from "../courses/format-date";
import { plural } from "../format/plural";
import { latePenaltyRate } from "../scoring/late-policy-text";
import type { AssessmentView } from "./course-overview";

/**
 * How an assessment's dates, state and rules read on the student's pages, from the rules as they apply
 * to the viewer (an accommodation included). The penalty's own wording is late-policy-text.ts's.
 */

type Rules = Pick<AssessmentView, "opensAt" | "dueAt" | "attemptLimit" | "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt" | "lateWaived" | "timeLimitMinutes"> &
  Partial<Pick<AssessmentView, "releasePolicy" | "allowRun" | "accessCodeRequired">>;

/** Where the assessment stands now, in a few words: "Opens …", "Due …", "Past due — late work loses …", "Past due — closed", "No deadline". */
export function assessmentStateText(view: Pick<AssessmentView, "state"> & Rules, timeZone: string, now: Date): string {
  switch (view.state) {
    case "not_open":
      return `Opens ${formatDateTimeFromNow(view.opensAt!, timeZone, now)}`;
    case "upcoming":
      return `Due ${formatDateTimeFromNow(view.dueAt!, timeZone, now)}`;
    case "late": {
      const until = view.lateCutoffAt ? ` until ${formatDateTime(view.lateCutoffAt, timeZone)}` : "";
      return view.lateWaived ? `Past due — late work accepted without penalty${until}` : `Past due — late work loses ${latePenaltyRate(view.latePenaltyPerDay)}${until}`;
    }
    case "closed":
      return "Past due — closed";
    case "none":
      return "No deadline";
  }
}

/** The assessment's rules as sentences, in the order a student asks about them: when, how often, what if late, how long. */
export function assessmentRulesText(view: Rules, timeZone: string): string[] {
  const rules = [
    view.opensAt ? `Opens ${formatDateTime(view.opensAt, timeZone)}.` : "Open from the start.",
    view.dueAt ? `Due ${formatDateTime(view.dueAt, timeZone)}.` : "No due date.",
    view.attemptLimit === null ? "Unlimited attempts per exercise." : `${plural(view.attemptLimit, "attempt")} per exercise.`,
  ];
  if (view.dueAt) rules.push(lateRule(view, timeZone));
  if (view.timeLimitMinutes !== null) rules.push(`Time limit: ${plural(view.timeLimitMinutes, "minute")} once started.`);
  if (view.accessCodeRequired) rules.push("You need an access code from your instructor to start.");
  if (view.allowRun === false) rules.push("Run is turned off: Submit is the only way to test your code.");
  rules.push("Each exercise counts its best attempt, after any late penalty.");
  // "As soon as graded" is what students expect: only a policy that holds scores back is worth a sentence.
  if (view.releasePolicy && view.releasePolicy !== "immediately") rules.push(releaseRule(view.releasePolicy));
  return rules;
}

/** When scores and feedback reach students, as one sentence. */
export function releaseRule(policy: NonNullable<Rules["releasePolicy"]>): string {
  switch (policy) {
    case "immediately":
      return "Scores and feedback are shown as soon as each Submit is graded.";
    case "after_due":
      return "Scores and feedback are shown after your due date.";
    case "manual":
      return "Scores and feedback are shown when your instructor releases them.";
  }
}

/** What happens to work after the due date, as one sentence (the exercise page shows it too). */
export function lateRule(view: Pick<Rules, "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt" | "lateWaived">, timeZone: string): string {
  const until = view.lateCutoffAt ? ` until ${formatDateTime(view.lateCutoffAt, timeZone)}` : "";
  if (view.lateWaived) return `Late work is accepted without penalty${until}.`;
  if (view.latePolicy === "none") return "No submissions after the due date.";
  return `Late work loses ${latePenaltyRate(view.latePenaltyPerDay)}${until}.`;
}

/**
 * "2 of 4 exercises solved · 15 of 40 points" ("… · 18 of 20 points, set by staff" when staff set the
 * assessment's score); before release "Scores not released yet · 2 of 4 exercises submitted".
 */
export function assessmentProgressText(progress: AssessmentView["progress"]): string {
  if (progress.held) return `Scores not released yet · ${progress.submitted ?? 0} of ${plural(progress.total, "exercise")} submitted`;
  const points = `${formatPoints(progress.earned)} of ${plural(progress.possible, "point")}${progress.overridden ? ", set by staff" : ""}`;
  return `${progress.solved} of ${plural(progress.total, "exercise")} solved · ${points}`;
}

/** Points to the cent, without trailing zeros: 7.5, 10, 3.33. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
