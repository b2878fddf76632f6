import { z } from "zod";
import { AppError } from "../../errors";
import type { CourseOption } from "./options";
import { RESOURCE_LINK_TYPE } from "./start";

/** The instructor's choice: a course, whole assessments of it and exercises of it placed alone. */
export const DeepLinkChoiceSchema = z.object({
  courseId: z.uuid("choose a course"),
  assessmentIds: z.array(z.uuid("is not an assessment")).max(200).default([]),
  assignmentIds: z.array(z.uuid("is not an exercise of an assessment")).max(500).default([]),
});
export type DeepLinkChoice = z.infer<typeof DeepLinkChoiceSchema>;

/** The custom parameters a placement carries, resolved by the launch. */
export const CUSTOM_ASSESSMENT = "tensorgrade_assessment_id";
export const CUSTOM_ASSIGNMENT = "tensorgrade_assignment_id";
/** The line items' tag, so that an LMS lists Tensorgrade's columns together. */
export const LINE_ITEM_TAG = "tensorgrade";

/** An LTI resource link content item (Deep Linking 2.0) with its line item. */
export interface ResourceLinkItem {
  type: typeof RESOURCE_LINK_TYPE;
  title: string;
  url: string;
  custom: Record<string, string>;
  lineItem: { scoreMaximum: number; label: string; resourceId: string; tag: string };
}

/**
 * The content items for a choice in `course`: each chosen assessment, then each exercise placed alone.
 * Refuses (INVALID_INPUT, naming what) an id that is not the course's, an item worth no points (an LMS
 * line item needs a maximum above 0), nothing chosen, and more than one item when the LMS takes one.
 */
export function contentItemsFor(course: CourseOption, choice: DeepLinkChoice, launchUrl: string, acceptMultiple: boolean): ResourceLinkItem[] {
  const assessments = new Map(course.assessments.map((assessment) => [assessment.id, assessment]));
  const exercises = new Map(course.assessments.flatMap((assessment) => assessment.exercises.map((exercise) => [exercise.assignmentId, { assessment, exercise }] as const)));
  const items: ResourceLinkItem[] = [];
  for (const id of new Set(choice.assessmentIds)) {
    const assessment = assessments.get(id);
    if (!assessment) throw new AppError("INVALID_INPUT", `An assessment you chose is not one of ${course.title}'s.`);
    if (assessment.points <= 0) throw new AppError("INVALID_INPUT", `“${assessment.title}” is worth no points yet: add exercises to it first.`);
    items.push(resourceLink(`${assessment.title}`, launchUrl, { [CUSTOM_ASSESSMENT]: assessment.id }, assessment.points, `assessment:${assessment.id}`));
  }
  for (const id of new Set(choice.assignmentIds)) {
    const found = exercises.get(id);
    if (!found) throw new AppError("INVALID_INPUT", `An exercise you chose is not in one of ${course.title}'s assessments.`);
    const { assessment, exercise } = found;
    const title = `${exercise.title} (${assessment.title})`;
    if (exercise.points <= 0) throw new AppError("INVALID_INPUT", `“${title}” is worth no points: give it points first.`);
    items.push(resourceLink(title, launchUrl, { [CUSTOM_ASSIGNMENT]: exercise.assignmentId }, exercise.points, `assignment:${exercise.assignmentId}`));
  }
  if (items.length === 0) throw new AppError("INVALID_INPUT", "Choose at least one assessment or exercise to add (or Cancel).");
  if (!acceptMultiple && items.length > 1) throw new AppError("INVALID_INPUT", `This LMS placement takes one item at a time; you chose ${items.length}. Choose one.`);
  return items;
}

function resourceLink(title: string, url: string, custom: Record<string, string>, points: number, resourceId: string): ResourceLinkItem {
  return { type: RESOURCE_LINK_TYPE, title, url, custom, lineItem: { scoreMaximum: points, label: title, resourceId, tag: LINE_ITEM_TAG } };
}
