import type { PackageFiles } from "./types";

export interface DraftMeta {
  title: string;
  topic: string;
  kind: "code" | "quiz";
}

const text = (value: unknown, fallback: string) => (typeof value === "string" && value.trim() !== "" ? value : fallback);

/** A draft's title, topic and kind for lists, read leniently: a draft may be broken mid-edit. */
export function draftMeta(id: string, files: PackageFiles): DraftMeta {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(files["exercise.json"] ?? "{}");
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // A draft whose exercise.json does not parse is still listed, by its id.
  }
  return { title: text(raw.title, id), topic: text(raw.topic, ""), kind: raw.kind === "quiz" ? "quiz" : "code" };
}
