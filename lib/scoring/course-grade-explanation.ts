import type { AssessmentGrade, CategoryGrade, CourseGrade } from "./course-grade-types";

/**
 * How a course grade was computed, in sentences for the student's page, beside the rule it describes
 * (course-grade.ts): a change of the rule changes its wording here.
 */

/** 81.25 → "81.25 %"; null → "—". */
export function formatPercent(percent: number | null): string {
  return percent === null ? "—" : `${percent.toFixed(2)} %`;
}

/** Points as the gradebook writes them: to the cent, no trailing zeros (6.67, 10, 12.5). */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** The rule for when an assessment starts to count, as students read it. */
export const COUNTING_RULE =
  "An assessment counts once you have a graded Submit on one of its exercises, or once its due date (with any extension you were given) has passed; missing work then counts 0.";

/** The explanation of a course grade, sentence by sentence. */
export function explainCourseGrade(grade: Omit<CourseGrade, "explanation">): string[] {
  const lines = grade.method === "points" ? explainPoints(grade) : explainWeighted(grade);
  const outside = grade.assessments.filter((assessment) => assessment.status === "not_in_grade");
  const uncategorised = outside.filter((assessment) => assessment.possible > 0);
  const pointless = outside.filter((assessment) => assessment.possible <= 0);
  if (uncategorised.length > 0) lines.push(`In no category, so not part of the grade: ${titles(uncategorised)}.`);
  if (pointless.length > 0) lines.push(`Worth no points, so not part of the grade: ${titles(pointless)}.`);
  const held = grade.assessments.filter((assessment) => assessment.status === "not_released");
  if (held.length > 0) lines.push(`Scores not released yet, so not part of the grade until they are: ${titles(held)}.`);
  const overridden = grade.assessments.filter((assessment) => assessment.overridden);
  if (overridden.length > 0) {
    const set = overridden.map((assessment) => `${assessment.title} (${formatPoints(assessment.earned)} of ${formatPoints(assessment.possible)})`).join(", ");
    lines.push(`Set by staff, in place of the sum of their exercises: ${set}.`);
  }
  lines.push(COUNTING_RULE);
  return lines;
}

function explainPoints(grade: Omit<CourseGrade, "explanation">): string[] {
  if (grade.percent === null) return ["There is no course grade yet: nothing counts yet."];
  return [
    `Your course grade is ${formatPercent(grade.percent)}: your points over the points possible of the assessments that count, ${formatPoints(grade.earned)} ÷ ${formatPoints(grade.possible)}.`,
  ];
}

function explainWeighted(grade: Omit<CourseGrade, "explanation">): string[] {
  const inPlay = grade.categories.filter((category) => category.percent !== null);
  const lines: string[] = [];
  if (grade.percent !== null) {
    const terms = inPlay.map((category) => `${formatPoints(category.weight)} × ${formatPercent(category.percent)}`).join(" + ");
    const weights = inPlay.map((category) => formatPoints(category.weight)).join(" + ");
    lines.push(
      `Your course grade is ${formatPercent(grade.percent)}: the average of your category percentages, each weighted by its category's weight, over the categories where something counts: (${terms}) ÷ (${weights}).`,
    );
  } else if (inPlay.length === 0) {
    lines.push("There is no course grade yet: nothing counts yet.");
  } else {
    lines.push("There is no course grade: every category where something counts has weight 0.");
  }
  const titleOf = new Map(grade.assessments.map((assessment) => [assessment.assessmentId, assessment]));
  for (const category of grade.categories) lines.push(explainCategory(category, titleOf));
  return lines;
}

function explainCategory(category: CategoryGrade, byId: Map<string, AssessmentGrade>): string {
  const head = `${category.name} (weight ${formatPoints(category.weight)})`;
  if (category.percent === null) return `${head}: nothing counts yet, so it is left out.`;
  const kept = category.counted - category.dropped.length;
  let line = `${head}: ${formatPoints(category.earned)} of ${formatPoints(category.possible)} points over ${kept === 1 ? "1 assessment" : `${kept} assessments`} = ${formatPercent(category.percent)}`;
  if (category.dropped.length > 0) {
    const dropped = category.dropped.map((id) => byId.get(id)!).map((assessment) => `${assessment.title} (${formatPercent(assessment.percent)})`);
    line += `; ${category.dropped.length === 1 ? "the lowest is" : `the ${category.dropped.length} lowest are`} dropped: ${dropped.join(", ")}`;
  }
  if (category.dropLowest > category.dropped.length) {
    line += `; it drops the lowest ${category.dropLowest}, but never every assessment that counts`;
  }
  line += category.weight === 0 ? "; its weight is 0, so it does not change the grade." : ".";
  return line;
}

const titles = (assessments: readonly AssessmentGrade[]) => assessments.map((assessment) => assessment.title).join(", ");

/** An assessment's place in the grade, in words: "counted", "dropped", "not yet counted", "not in the grade", "Scores not released yet". */
export function assessmentStatusLabel(grade: Pick<AssessmentGrade, "status" | "dropped">): string {
  if (grade.dropped) return "dropped";
  if (grade.status === "not_released") return "Scores not released yet";
  return grade.status === "counted" ? "counted" : grade.status === "not_yet_counted" ? "not yet counted" : "not in the grade";
}
