"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { publishDraft, saveDraft, tryDraft } from "@/lib/authoring";
import { requireAuthor } from "@/lib/authoring/access";
import type { DraftCheck, TryResult } from "@/lib/authoring/types";
import { getDb } from "@/lib/db";
import { renderPromptWithReport } from "@/lib/exercises/render/render-prompt";

const Target = { slug: z.string().min(1).max(100), exerciseId: z.string().min(1).max(100) };

/** The files as the editor serialised them: a JSON object of file name → text. */
const FilesSchema = z
  .string()
  .max(4_000_000)
  .transform((text, context) => {
    try {
      return z.record(z.string().max(200), z.string()).parse(JSON.parse(text));
    } catch {
      context.addIssue({ code: "custom", message: "must be the package files as JSON" });
      return z.NEVER;
    }
  });

const save = action(z.object({ ...Target, files: FilesSchema }), async ({ slug, exerciseId, files }, { user }) =>
  saveDraft(await getDb(), user, slug, exerciseId, files),
);

/** Saves the draft's files and checks them: every problem by file and field, and each check that ran. */
export async function saveDraftAction(_previous: unknown, input: { slug: string; exerciseId: string; files: string } | FormData): Promise<ActionResult<DraftCheck>> {
  const result = await save(input);
  if (result.ok) revalidatePath(`/courses/${fieldOf(input, "slug")}/manage/exercises`);
  return result;
}

const tryIt = action(
  z.object({ ...Target, code: z.string().max(200_000), mode: z.enum(["run", "submit"]).default("submit") }),
  async ({ slug, exerciseId, code, mode }, { user }): Promise<TryResult> => ({
    result: await tryDraft(await getDb(), user, slug, exerciseId, code, { examplesOnly: mode === "run" }),
  }),
);

/** "Try as a student": grades any code against the saved draft; nothing is recorded. */
export async function tryDraftAction(_previous: unknown, input: { slug: string; exerciseId: string; code: string; mode?: "run" | "submit" } | FormData): Promise<ActionResult<TryResult>> {
  return tryIt(input);
}

const publish = action(z.object(Target), async ({ slug, exerciseId }, { user }) => publishDraft(await getDb(), user, slug, exerciseId));

/** Publishes the checked draft as a new immutable version (the check must have passed). */
export async function publishDraftAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string; version: string }>> {
  const result = await publish(form);
  if (!result.ok) return result;
  const slug = fieldOf(form, "slug");
  revalidatePath(`/courses/${slug}`, "layout");
  const { version, published } = result.data;
  const message = published ? `Published version ${version.slice(0, 12)}.` : `Version ${version.slice(0, 12)} was already published: nothing changed.`;
  return { ok: true, data: { version, message } };
}

const preview = action(z.object({ ...Target, markdown: z.string().max(200_000) }), async ({ slug, markdown }, { user }) => {
  // The course's authors only (not-found for anyone else); nothing is stored.
  await requireAuthor(await getDb(), user, slug);
  // As studentExerciseView renders it: the page shows the title, so a leading `# Title` is left out.
  const report = renderPromptWithReport(markdown.replace(/^\s*# [^\n]*\n/, ""));
  return { html: report.html, problems: report.problems.map((problem) => problem.message) };
});

/** The prompt rendered exactly as a student's page renders it, for the editor's live preview. */
export async function previewPromptAction(_previous: unknown, input: { slug: string; exerciseId: string; markdown: string } | FormData): Promise<ActionResult<{ html: string; problems: string[] }>> {
  return preview(input);
}

function fieldOf(input: unknown, name: string): string {
  return input instanceof FormData ? String(input.get(name) ?? "") : String((input as Record<string, unknown>)[name] ?? "");
}
