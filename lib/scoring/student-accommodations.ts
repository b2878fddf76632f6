import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { studentAccommodations } from "../db/schema";
import type { Accommodation } from "./accommodation";

type GrantRow = Pick<typeof studentAccommodations.$inferSelect, "dueAt" | "extraAttempts" | "waiveLatePenalty" | "timeMultiplier">;

const columns = {
  dueAt: studentAccommodations.dueAt,
  extraAttempts: studentAccommodations.extraAttempts,
  waiveLatePenalty: studentAccommodations.waiveLatePenalty,
  timeMultiplier: studentAccommodations.timeMultiplier,
};

/** A row of the view as an Accommodation (numeric arrives as text, timestamps as Date or text). */
export function toAccommodation(row: GrantRow): Accommodation {
  return {
    dueAt: row.dueAt === null ? null : new Date(row.dueAt),
    extraAttempts: Number(row.extraAttempts),
    waiveLatePenalty: Boolean(row.waiveLatePenalty),
    timeMultiplier: row.timeMultiplier === null ? null : Number(row.timeMultiplier),
  };
}

/** What the student is granted on the assessment (their own grants and their groups'), or null. */
export async function findStudentAccommodation(db: DbOrTx, userId: string, assessmentId: string): Promise<Accommodation | null> {
  const [row] = await db
    .select(columns)
    .from(studentAccommodations)
    .where(and(eq(studentAccommodations.userId, userId), eq(studentAccommodations.assessmentId, assessmentId)))
    .limit(1);
  return row ? toAccommodation(row) : null;
}

/** The student's grants on the course's assessments: assessmentId → Accommodation (none: absent). */
export async function listStudentAccommodations(db: DbOrTx, courseId: string, userId: string): Promise<Map<string, Accommodation>> {
  const rows = await db
    .select({ assessmentId: studentAccommodations.assessmentId, ...columns })
    .from(studentAccommodations)
    .where(and(eq(studentAccommodations.courseId, courseId), eq(studentAccommodations.userId, userId)));
  return new Map(rows.map((row) => [row.assessmentId, toAccommodation(row)]));
}

/** Every grant of the course: userId → assessmentId → Accommodation. */
export async function listCourseAccommodations(db: DbOrTx, courseId: string): Promise<Map<string, Map<string, Accommodation>>> {
  const rows = await db
    .select({ userId: studentAccommodations.userId, assessmentId: studentAccommodations.assessmentId, ...columns })
    .from(studentAccommodations)
    .where(eq(studentAccommodations.courseId, courseId));
  const byUser = new Map<string, Map<string, Accommodation>>();
  for (const row of rows) {
    const own = byUser.get(row.userId) ?? new Map<string, Accommodation>();
    own.set(row.assessmentId, toAccommodation(row));
    byUser.set(row.userId, own);
  }
  return byUser;
}
