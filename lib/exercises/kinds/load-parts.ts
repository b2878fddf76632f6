/** The pieces every kind's loader shares: reading package files and turning problems into `file: field: message` lines. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderPromptWithReport } from "../render/render-prompt";

/** What a kind's `load` gets: the package folder and the default export of its `exercise.ts`, not yet validated. */
export interface LoadInput {
  id: string;
  dir: string;
  exported: unknown;
}

/** A prompt must render: every placeholder needs a parameter (prompts of whole packages have none), math must parse. */
export function checkPrompt(prompt: string, errors: string[]): void {
  if (!prompt) return;
  for (const problem of renderPromptWithReport(prompt).problems) errors.push(`prompt.md: ${problem.kind}: ${problem.message}`);
}

/** The text of a package file; a missing file is reported in `errors` and reads as "". */
export function readPackageFile(dir: string, name: string, errors: string[]): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    errors.push(`${name}: missing`);
    return "";
  }
  return readFileSync(file, "utf8");
}

/** Zod issues as loader error lines naming the field. */
export function zodErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((issue) => `exercise.ts: ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}

/** Whether `value` is an object whose fields can be read (an export not yet validated). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
