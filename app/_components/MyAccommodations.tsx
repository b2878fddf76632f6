import { listStudentGrants } from "@/lib/accommodations";
import { getDb } from "@/lib/db";
import { EffectiveAccommodationsTable } from "./EffectiveAccommodationsTable";
import "@/app/accommodations.css";

interface Props {
  courseId: string;
  userId: string;
  /** The course's zone: dates are shown in it. */
  timeZone: string;
  /** Only this assessment's row (the assessment page); every assessment with a grant when absent (the grades page). */
  assessmentId?: string;
  headingLevel?: 2 | 3;
}

/**
 * A student's own accommodations in a course: for each assessment, the due date, attempts, late penalty
 * and time that apply to them. Renders nothing when they have none. Server-rendered; the caller has
 * checked that `userId` is the signed-in student.
 */
export async function MyAccommodations({ courseId, userId, timeZone, assessmentId, headingLevel = 2 }: Props) {
  const { effective } = await listStudentGrants(await getDb(), courseId, userId);
  const rows = assessmentId ? effective.filter((row) => row.assessmentId === assessmentId) : effective;
  if (rows.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="my-accommodations" aria-labelledby="my-accommodations-title" data-testid="my-accommodations">
      <Heading id="my-accommodations-title">Your accommodations</Heading>
      <EffectiveAccommodationsTable rows={rows} timeZone={timeZone} caption="Your accommodations by assessment" />
    </section>
  );
}
