import { z } from "zod";
import type { Assessment } from "../db/schema";
import type { AssessmentChanges } from "./assessments";
import { EXPLANATION_RELEASES } from "./explanation-release";
import { changedFields, parseZonedDates, POLICY_FORM_LABELS, PolicyFormSchema, policyFormValues } from "./policy-form";

/** The assessment form's fields and the labels a person sees; every message about a field uses these. */
export const ASSESSMENT_FORM_LABELS = {
  title: "Title",
  categoryId: "Category",
  ...POLICY_FORM_LABELS,
  timeLimitMinutes: "Time limit (minutes)",
  explanationRelease: "Quiz explanations",
  releasePolicy: "Scores and feedback",
  hiddenTestDetail: "Hidden tests shown to students",
  allowRun: "Students may Run during the assessment",
  accessCode: "Access code",
} as const;

/** The release policy's choices as the form words them. */
export const RELEASE_POLICY_OPTIONS = [
  { value: "immediately", label: "As soon as graded" },
  { value: "after_due", label: "After the due date" },
  { value: "manual", label: "When I release them" },
] as const satisfies ReadonlyArray<{ value: Assessment["releasePolicy"]; label: string }>;

/** The hidden-test detail's choices as the form words them. */
export const HIDDEN_TEST_DETAIL_OPTIONS = [
  { value: "names_and_hints", label: "Names and hints" },
  { value: "names_only", label: "Names only" },
  { value: "nothing", label: "Nothing until release" },
] as const satisfies ReadonlyArray<{ value: Assessment["hiddenTestDetail"]; label: string }>;

const RELEASE_POLICIES = ["immediately", "after_due", "manual"] as const satisfies ReadonlyArray<Assessment["releasePolicy"]>;
const HIDDEN_TEST_DETAILS = ["names_and_hints", "names_only", "nothing"] as const satisfies ReadonlyArray<Assessment["hiddenTestDetail"]>;

export type AssessmentFormField = keyof typeof ASSESSMENT_FORM_LABELS;
export const ASSESSMENT_FORM_FIELDS = Object.keys(ASSESSMENT_FORM_LABELS) as AssessmentFormField[];
export type AssessmentFormValues = Record<AssessmentFormField, string>;

/** The values a new assessment's form starts from. */
export const NEW_ASSESSMENT_VALUES: AssessmentFormValues = {
  title: "",
  categoryId: "",
  opensAt: "",
  dueAt: "",
  attemptLimit: "",
  latePolicy: "none",
  latePenaltyPerDay: "0",
  lateCutoffAt: "",
  timeLimitMinutes: "",
  explanationRelease: "default",
  releasePolicy: "immediately",
  hiddenTestDetail: "names_and_hints",
  allowRun: "true",
  accessCode: "",
};

/** An assessment as its form shows it: dates in the course's zone, "" for none. */
export function assessmentFormValues(assessment: Assessment, timeZone: string): AssessmentFormValues {
  return {
    title: assessment.title,
    categoryId: assessment.categoryId ?? "",
    ...policyFormValues(assessment, timeZone),
    timeLimitMinutes: assessment.timeLimitMinutes === null ? "" : String(assessment.timeLimitMinutes),
    explanationRelease: assessment.explanationRelease ?? "default",
    releasePolicy: assessment.releasePolicy,
    hiddenTestDetail: assessment.hiddenTestDetail,
    allowRun: String(assessment.allowRun),
    accessCode: assessment.accessCode ?? "",
  };
}

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** The form as posted; the shared dates-and-rules controls are parsed as on the assignment form. */
export const AssessmentFormSchema = PolicyFormSchema.extend({
  title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  categoryId: z.preprocess(blankToNull, z.uuid("must be one of the course's categories").nullable()),
  timeLimitMinutes: z.preprocess(
    blankToNull,
    z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000").nullable(),
  ),
  explanationRelease: z
    .enum(["default", ...EXPLANATION_RELEASES], "must be the default, after each attempt or after the assessment closes")
    .default("default"),
  releasePolicy: z.enum(RELEASE_POLICIES, "must be as soon as graded, after the due date or when you release them").default("immediately"),
  hiddenTestDetail: z.enum(HIDDEN_TEST_DETAILS, "must be names and hints, names only or nothing until release").default("names_and_hints"),
  // A checkbox after a hidden "false": ["false", "true"] when ticked, "false" when not; absent: unchanged (true for a new one).
  allowRun: z.preprocess(
    (value) => (value === undefined ? undefined : [value].flat().some((entry) => entry === "true" || entry === true)),
    z.boolean().optional(),
  ),
  accessCode: z.preprocess(blankToNull, z.string().trim().max(64, "must be at most 64 characters").nullable()),
});
export type AssessmentForm = z.infer<typeof AssessmentFormSchema>;

/**
 * The form's values as changes to an assessment: every field, or with `shown` (what the form showed) only
 * those the person changed. Dates are read in the course's time zone (a date that does not exist there is
 * a field error).
 */
export function assessmentChangesOf(form: AssessmentForm, timeZone: string, shown: Partial<Record<string, unknown>> | null): { changes: AssessmentChanges; fields: AssessmentFormField[] } {
  const fields = changedFields(ASSESSMENT_FORM_FIELDS, shown, form);
  const dates = parseZonedDates(form, timeZone);
  const all: Required<{ [K in AssessmentFormField]: AssessmentChanges[K] }> = {
    title: form.title,
    categoryId: form.categoryId,
    ...dates,
    attemptLimit: form.attemptLimit,
    latePolicy: form.latePolicy,
    latePenaltyPerDay: form.latePenaltyPerDay,
    timeLimitMinutes: form.timeLimitMinutes,
    explanationRelease: form.explanationRelease === "default" ? null : form.explanationRelease,
    releasePolicy: form.releasePolicy,
    hiddenTestDetail: form.hiddenTestDetail,
    allowRun: form.allowRun,
    accessCode: form.accessCode,
  };
  const given = fields.filter((field) => all[field] !== undefined);
  return { changes: Object.fromEntries(given.map((field) => [field, all[field]])) as AssessmentChanges, fields: given };
}

/** An item's points control is named `points.<assignmentId>`. */
export const POINTS_PREFIX = "points.";

const PointsSchema = z.coerce.number("must be a number").int("must be a whole number").min(0, "must not be negative").max(10_000, "must be at most 10000");

/**
 * The points controls of the form (`points.<assignmentId>`) that changed from what it showed, parsed;
 * a bad value is a field error under the control's own name (ZodError).
 */
export function pointsChangesOf(raw: Record<string, unknown>, shown: Partial<Record<string, unknown>> | null): Map<string, number> {
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());
  const issues: z.core.$ZodIssue[] = [];
  const changes = new Map<string, number>();
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(POINTS_PREFIX) || typeof value !== "string") continue;
    if (shown !== null && text(value) === text(shown[key])) continue;
    const parsed = PointsSchema.safeParse(value.trim() === "" ? undefined : value);
    if (parsed.success) changes.set(key.slice(POINTS_PREFIX.length), parsed.data);
    else issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [key] })));
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return changes;
}
