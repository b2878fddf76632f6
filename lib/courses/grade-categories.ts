import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import type { DbOrTx, Transaction } from "../db/transaction";
import { assessments, gradeCategories, type GradeCategory } from "../db/schema";
import { AppError } from "../errors";

/**
 * A course's grade categories (weights, drop lowest, order) and which category each assessment is in.
 * This module is the only writer of `grade_categories` and of `assessments.category_id`.
 *
 * No scoreChanged here: a category's weight, its drops or an assessment's category change no stored or
 * counted score (those are per exercise); the course grade is computed from them on every read
 * (lib/scoring/course-grade.ts), so every page and the CSV show the new grade at once.
 */

export const MAX_CATEGORY_WEIGHT = 1000;
export const MAX_DROP_LOWEST = 50;

const GradeCategoryFields = z.object({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  weight: z.coerce
    .number("must be a number")
    .min(0, "must be at least 0")
    .max(MAX_CATEGORY_WEIGHT, `must be at most ${MAX_CATEGORY_WEIGHT}`)
    .refine((weight) => Math.abs(weight * 100 - Math.round(weight * 100)) < 1e-6, "must have at most two decimals"),
  dropLowest: z.coerce.number("must be a whole number").int("must be a whole number").min(0, "must be at least 0").max(MAX_DROP_LOWEST, `must be at most ${MAX_DROP_LOWEST}`),
});
export const GradeCategoryInputSchema = GradeCategoryFields.extend({ dropLowest: GradeCategoryFields.shape.dropLowest.default(0) });
export type GradeCategoryInput = z.input<typeof GradeCategoryInputSchema>;
// Without defaults: a field left out is left as it is.
export const GradeCategoryChangesSchema = GradeCategoryFields.partial();
export type GradeCategoryChanges = z.input<typeof GradeCategoryChangesSchema>;

/** A category as the pages and the course grade read it: the weight as a number (the column is numeric). */
export type GradeCategoryView = Omit<GradeCategory, "weight"> & { weight: number };

const view = (row: GradeCategory): GradeCategoryView => ({ ...row, weight: Number(row.weight) });

/** The course's categories in order. */
export async function listGradeCategories(db: DbOrTx, courseId: string): Promise<GradeCategoryView[]> {
  const rows = await db.select().from(gradeCategories).where(eq(gradeCategories.courseId, courseId)).orderBy(asc(gradeCategories.position), asc(gradeCategories.name));
  return rows.map(view);
}

/** The category, which must belong to the course; throws NOT_FOUND otherwise. */
export async function getGradeCategory(db: DbOrTx, courseId: string, categoryId: string): Promise<GradeCategoryView> {
  if (!z.uuid().safeParse(categoryId).success) throw new AppError("NOT_FOUND", "No such grade category.");
  const [row] = await db
    .select()
    .from(gradeCategories)
    .where(and(eq(gradeCategories.id, categoryId), eq(gradeCategories.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such grade category.");
  return view(row);
}

/** Adds a category at the end; names are unique per course (case aside): a taken one is CONFLICT. */
export async function createGradeCategory(db: Db, courseId: string, input: GradeCategoryInput): Promise<GradeCategoryView> {
  const data = GradeCategoryInputSchema.parse(input);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, courseId, data.name);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${gradeCategories.position}), -1)::int` })
      .from(gradeCategories)
      .where(eq(gradeCategories.courseId, courseId));
    const [row] = await uniqueName(data.name, () =>
      tx
        .insert(gradeCategories)
        .values({ courseId, name: data.name, weight: String(data.weight), dropLowest: data.dropLowest, position: Number(last?.position ?? -1) + 1 })
        .returning(),
    );
    return view(row!);
  });
}

/** Changes the given fields of a category (name, weight, drop lowest). */
export async function updateGradeCategory(db: Db, courseId: string, categoryId: string, changes: GradeCategoryChanges): Promise<GradeCategoryView> {
  const data = GradeCategoryChangesSchema.parse(changes);
  return db.transaction(async (tx) => {
    const current = await getGradeCategory(tx, courseId, categoryId);
    if (data.name !== undefined && data.name !== current.name) await assertNameFree(tx, courseId, data.name, categoryId);
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.weight !== undefined ? { weight: String(data.weight) } : {}),
      ...(data.dropLowest !== undefined ? { dropLowest: data.dropLowest } : {}),
    };
    if (Object.keys(set).length === 0) return current;
    const [row] = await uniqueName(data.name ?? current.name, () =>
      tx
        .update(gradeCategories)
        .set(set)
        .where(and(eq(gradeCategories.id, categoryId), eq(gradeCategories.courseId, courseId)))
        .returning(),
    );
    return view(row!);
  });
}

/** Removes a category; its assessments are then in no category (the foreign key sets them null). */
export async function deleteGradeCategory(db: Db, courseId: string, categoryId: string): Promise<void> {
  await getGradeCategory(db, courseId, categoryId);
  await db.delete(gradeCategories).where(and(eq(gradeCategories.id, categoryId), eq(gradeCategories.courseId, courseId)));
}

/** Puts the course's categories in the given order: `ids` must be every one of them, each once. */
export async function reorderGradeCategories(db: Db, courseId: string, ids: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockCategories(tx, courseId);
    const known = new Set(current);
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      throw new AppError("INVALID_INPUT", "The new order must list every category of the course once.");
    }
    await writeOrder(tx, courseId, ids);
  });
}

/** Moves a category one place up or down (a no-op at either end), reading the order it changes under lock. */
export async function moveGradeCategory(db: Db, courseId: string, categoryId: string, direction: "up" | "down"): Promise<void> {
  await getGradeCategory(db, courseId, categoryId);
  await db.transaction(async (tx) => {
    await lockCategories(tx, courseId);
    const ids = (await listGradeCategories(tx, courseId)).map((category) => category.id);
    const from = ids.indexOf(categoryId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await writeOrder(tx, courseId, ids);
  });
}

/**
 * Locks the course's categories in id order and returns their ids: two concurrent reorders then wait for
 * each other instead of locking the same rows in opposite orders (a deadlock on PostgreSQL).
 */
async function lockCategories(tx: Transaction, courseId: string): Promise<string[]> {
  const rows = await tx.select({ id: gradeCategories.id }).from(gradeCategories).where(eq(gradeCategories.courseId, courseId)).orderBy(asc(gradeCategories.id)).for("update");
  return rows.map((row) => row.id);
}

async function writeOrder(tx: Transaction, courseId: string, ids: readonly string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await tx.update(gradeCategories).set({ position }).where(and(eq(gradeCategories.id, id), eq(gradeCategories.courseId, courseId)));
  }
}

/**
 * Puts an assessment of the course in a category of the course (null: in none). The assessments table is
 * the assessments lib's; this one column is written here, beside the categories it points to.
 */
export async function setAssessmentCategory(db: Db, courseId: string, assessmentId: string, categoryId: string | null): Promise<void> {
  if (categoryId !== null) await getGradeCategory(db, courseId, categoryId);
  if (!z.uuid().safeParse(assessmentId).success) throw new AppError("NOT_FOUND", "No such assessment.");
  const updated = await db
    .update(assessments)
    .set({ categoryId })
    .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
    .returning({ id: assessments.id });
  if (updated.length === 0) throw new AppError("NOT_FOUND", "No such assessment.");
}

async function assertNameFree(db: DbOrTx, courseId: string, name: string, exceptId?: string): Promise<void> {
  const [taken] = await db
    .select({ id: gradeCategories.id })
    .from(gradeCategories)
    .where(and(eq(gradeCategories.courseId, courseId), sql`lower(${gradeCategories.name}) = lower(${name})`, exceptId ? ne(gradeCategories.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw nameTaken(name);
}

const nameTaken = (name: string) => new AppError("CONFLICT", `This course already has a category named "${name}".`);

/** Runs a write that may break grade_categories_course_name_unique (two requests at once) as CONFLICT. */
async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
      if ((current as { code?: unknown }).code === "23505") throw new AppError("CONFLICT", nameTaken(name).message, { cause: error });
    }
    throw error;
  }
}
