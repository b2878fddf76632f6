import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db";
import { assessments, assignments, exercises, regradeRequests, submissions, testResults, users, type RegradeRequest, type Submission } from "../db/schema";
import { AppError } from "../errors";
import { attemptScore } from "../scoring/attempt-score";

/** A request with what staff need to answer it: who asked, about which Submit, its code or answers and its tests. */
export interface RegradeRequestDetail {
  request: RegradeRequest;
  student: { id: string; name: string; email: string };
  assessment: { id: string; title: string };
  exercise: { id: string; title: string };
  submission: Pick<Submission, "id" | "createdAt" | "status" | "verdict" | "score" | "overrideScore" | "code" | "answers" | "message"> & {
    /** As it counts now: the override when there is one. */
    counted: number | null;
  };
  tests: Array<{ name: string; hidden: boolean; passed: boolean; message: string; misconception: string | null }>;
  resolverName: string | null;
}

const resolver = alias(users, "resolver");

/** One request of the course for its staff; NOT_FOUND for a request of another course (or none). */
export async function getRegradeRequestDetail(db: Db, courseId: string, requestId: string): Promise<RegradeRequestDetail> {
  const [row] = await db
    .select({
      request: regradeRequests,
      student: { id: users.id, name: users.name, email: users.email },
      assessment: { id: assessments.id, title: assessments.title },
      exercise: { id: exercises.id, title: exercises.title },
      submission: submissions,
      resolverName: resolver.name,
    })
    .from(regradeRequests)
    .innerJoin(users, eq(users.id, regradeRequests.userId))
    .innerJoin(assignments, eq(assignments.id, regradeRequests.assignmentId))
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .innerJoin(submissions, eq(submissions.id, regradeRequests.submissionId))
    .leftJoin(resolver, eq(resolver.id, regradeRequests.resolvedBy))
    .where(and(eq(regradeRequests.id, requestId), eq(regradeRequests.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such regrade request in this course.");
  const tests = await db
    .select({ name: testResults.name, hidden: testResults.hidden, passed: testResults.passed, message: testResults.message, misconception: testResults.misconception })
    .from(testResults)
    .where(eq(testResults.submissionId, row.submission.id))
    .orderBy(asc(testResults.position));
  const { id, createdAt, status, verdict, score, overrideScore, code, answers, message } = row.submission;
  return {
    request: row.request,
    student: row.student,
    assessment: row.assessment,
    exercise: row.exercise,
    submission: { id, createdAt, status, verdict, score, overrideScore, code, answers, message, counted: attemptScore(row.submission) },
    tests,
    resolverName: row.resolverName,
  };
}
