import "server-only";
import { notFound } from "next/navigation";
import type { Db } from "@/lib/db";
import type { Assessment } from "@/lib/db/schema";
import { getCourseAssessment } from "@/lib/courses/assessments";
import { isAppError } from "@/lib/errors";

/** The course's assessment for the exam pages, or the not-found page. */
export async function findPageAssessment(db: Db, courseId: string, assessmentId: string): Promise<Assessment> {
  try {
    return await getCourseAssessment(db, courseId, assessmentId);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
