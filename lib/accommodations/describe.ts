import { plural } from "../format/plural";
import { toZonedInput } from "../courses/zoned-time";

/** The parts of a grant that say what it gives (a row of `accommodations` fits, as does a Grant). */
export interface GrantTerms {
  dueAt: Date | null;
  extraAttempts: number;
  waiveLatePenalty: boolean;
  timeMultiplier: number | string | null;
}

/** "2026-12-10 18:00": an instant on the course's wall clock, as summaries show it. */
export function shortDateTime(instant: Date, timeZone: string): string {
  return toZonedInput(instant, timeZone).replace("T", " ");
}

/** What a grant gives, part by part: "due 2026-12-10 18:00", "+1 attempt", "late penalty waived", "×1.5 time". */
export function grantParts(terms: GrantTerms, timeZone: string, formatDue: (instant: Date, timeZone: string) => string = shortDateTime): string[] {
  const parts: string[] = [];
  if (terms.dueAt) parts.push(`due ${formatDue(terms.dueAt, timeZone)}`);
  if (terms.extraAttempts > 0) parts.push(`+${plural(terms.extraAttempts, "attempt")}`);
  if (terms.waiveLatePenalty) parts.push("late penalty waived");
  const multiplier = terms.timeMultiplier === null ? null : Number(terms.timeMultiplier);
  if (multiplier !== null && multiplier !== 1) parts.push(`×${multiplier} time`);
  return parts;
}

/**
 * A grant in one line, the first part tied to where it applies: "Ada Lovelace: due 2026-12-10 18:00
 * on Homework 3, +1 attempt".
 */
export function describeGrant(who: string, where: string, terms: GrantTerms, timeZone: string, verb = ""): string {
  const [first = "nothing", ...rest] = grantParts(terms, timeZone);
  return `${who}: ${verb ? `${verb} ` : ""}${first} on ${where}${rest.length > 0 ? `, ${rest.join(", ")}` : ""}`;
}

/** Where a grant applies, as summaries name it. */
export function describeWhere(assessment: { title: string } | null): string {
  return assessment ? assessment.title : "all assessments";
}

/** Who a grant is for, as summaries name them: the student's name, or the group's label. */
export function describeWho(target: { name: string } | { label: string }): string {
  return "name" in target ? target.name : `group "${target.label}"`;
}

/** A grant as the audit's before/after JSON keeps it. */
export function grantSnapshot(terms: GrantTerms & { note: string }): Record<string, unknown> {
  return {
    dueAt: terms.dueAt?.toISOString() ?? null,
    extraAttempts: terms.extraAttempts,
    waiveLatePenalty: terms.waiveLatePenalty,
    timeMultiplier: terms.timeMultiplier === null ? null : Number(terms.timeMultiplier),
    note: terms.note,
  };
}

/** A grant as listings have it: its terms and, for an extended due date, its assessment's own. */
export interface ListedGrantTerms extends GrantTerms {
  assessmentId: string | null;
  assessmentDueAt: Date | null;
}

/**
 * Whether a grant's extended due date no longer extends anything: its assessment has since been
 * moved to that date or later, or lost its due date (applyAccommodation then ignores it).
 */
export function extensionLapsed(grant: ListedGrantTerms): boolean {
  return grant.dueAt !== null && grant.assessmentId !== null && (grant.assessmentDueAt === null || grant.dueAt <= grant.assessmentDueAt);
}

/** grantParts for a listing: a lapsed extension says so ("no longer extends (the assessment is now due …)"). */
export function listedGrantParts(grant: ListedGrantTerms, timeZone: string, formatDue: (instant: Date, timeZone: string) => string = shortDateTime): string[] {
  const parts = grantParts(grant, timeZone, formatDue);
  if (!extensionLapsed(grant)) return parts;
  const now = grant.assessmentDueAt ? `is now due ${formatDue(grant.assessmentDueAt, timeZone)}` : "now has no due date";
  parts[0] = `no longer extends (the assessment ${now})`;
  return parts;
}
