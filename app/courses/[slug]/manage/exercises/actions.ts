"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { copyCatalogueExercise, createCourseExercise, importCourseExercise, MAX_IMPORT_BYTES, setTasMayAuthor, type DraftProblem } from "@/lib/authoring";
import { getDb } from "@/lib/db";


const Slug = z.string().min(1).max(100);
/** The name part of a course exercise's id (`<course-slug>-<name>`). */
const Name = z
  .string()
  .trim()
  .min(1, "give the exercise a name")
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens (e.g. dot-product)");

export type LibraryFormState = ActionResult<{ message: string; problems?: string[] }>;

const create = action(z.object({ slug: Slug, kind: z.enum(["code", "quiz"]), name: Name }), async ({ slug, kind, name }, { user }) =>
  createCourseExercise(await getDb(), user, slug, { kind, name }),
);

/** Makes a new course exercise (code or quiz) from the kind's template and opens its editor. */
export async function createCourseExerciseAction(_previous: unknown, form: FormData): Promise<LibraryFormState> {
  const result = await create(form);
  if (!result.ok) return result;
  const slug = String(form.get("slug"));
  revalidatePath(`/courses/${slug}/manage/exercises`);
  redirect(`/courses/${slug}/manage/exercises/${result.data.id}/edit`);
}

const copy = action(z.object({ slug: Slug, exerciseId: z.string().min(1).max(100), name: z.preprocess((v) => (v === "" ? undefined : v), Name.optional()) }), async ({ slug, exerciseId, name }, { user }) =>
  copyCatalogueExercise(await getDb(), user, slug, { catalogueId: exerciseId, name }),
);

/** Copies a repository exercise into the course as a draft the course's authors can change. */
export async function copyCatalogueExerciseAction(_previous: unknown, form: FormData): Promise<LibraryFormState> {
  const result = await copy(form);
  if (!result.ok) return result;
  const slug = String(form.get("slug"));
  revalidatePath(`/courses/${slug}/manage/exercises`);
  redirect(`/courses/${slug}/manage/exercises/${result.data.id}/edit`);
}

const ArchiveSchema = z
  .instanceof(File, { message: "choose a .zip or .tar.gz file" })
  .refine((file) => file.size > 0, "the file is empty")
  .refine((file) => file.size <= MAX_IMPORT_BYTES, `must be at most ${MAX_IMPORT_BYTES / 1024} KB`)
  .refine((file) => /\.(zip|tar\.gz|tgz)$/i.test(file.name), "must be a .zip or .tar.gz file");

const importIt = action(z.object({ slug: Slug, archive: ArchiveSchema }), async ({ slug, archive }, { user }) =>
  importCourseExercise(await getDb(), user, slug, new Uint8Array(await archive.arrayBuffer())),
);

/** Imports an exported package (.zip or .tar.gz) as a new course exercise; a bad package imports nothing and lists every problem. */
export async function importCourseExerciseAction(_previous: unknown, form: FormData): Promise<LibraryFormState> {
  const result = await importIt(form);
  if (!result.ok) return result;
  const outcome = result.data;
  if (!outcome.ok) {
    return { ok: false, code: "INVALID_INPUT", error: "The package was not imported: fix every problem below and upload it again.", fieldErrors: { archive: outcome.problems.map(describeProblem) } };
  }
  const slug = String(form.get("slug"));
  revalidatePath(`/courses/${slug}/manage/exercises`);
  redirect(`/courses/${slug}/manage/exercises/${outcome.id}/edit`);
}

/** "checks.ts · tests.3.call: …": a problem named by its file and field, as the upload form lists it. */
function describeProblem(problem: DraftProblem): string {
  const where = [problem.file, problem.field].filter(Boolean).join(" · ");
  return `${problem.severity === "warning" ? "(warning) " : ""}${where ? `${where}: ` : ""}${problem.message}`;
}

const tas = action(z.object({ slug: Slug, allowed: z.enum(["true", "false"]) }), async ({ slug, allowed }, { user }) => {
  await setTasMayAuthor(await getDb(), user, slug, allowed === "true");
  return { message: allowed === "true" ? "The course's TAs may now make and edit its exercises." : "Only instructors make and edit the course's exercises now." };
});

/** Lets the course's TAs author exercises, or stops them (instructors only). */
export async function setTasMayAuthorAction(_previous: unknown, form: FormData): Promise<LibraryFormState> {
  const result = await tas(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage/exercises`);
  return result;
}
