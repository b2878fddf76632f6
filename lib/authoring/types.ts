/**
 * The shapes the authoring pages and lib/authoring share: a course's exercise library, a draft's check
 * report and a published version. Server-side only data (files with solutions) never reaches a
 * student; these reach only the course's authors.
 */
import type { EngineResult } from "../grading/result";

/** The files of a data package by name (exercise.json, prompt.md, starter.ts, solution.ts, checks.ts). */
export type PackageFiles = Record<string, string>;

export type ProblemSeverity = "error" | "warning";

/** One problem of a draft, named by file and field (`field` is a dotted path inside exercise.json, or ""). */
export interface DraftProblem {
  severity: ProblemSeverity;
  file: string;
  field: string;
  message: string;
}

/** One line of the check beside the editor: what was proved, and whether it held. */
export interface CheckItem {
  /** Stable key: "schema" | "reference" | "starter" | "deterministic" | "prompt" | "sandbox". */
  key: string;
  ok: boolean;
  /** "The reference solution scores 10/10", "The starter scores 0/10 (it must not score full marks)" … */
  text: string;
}

/** The result of checking a draft: every problem, and the checks that ran. Publishing needs `ok`. */
export interface DraftCheck {
  ok: boolean;
  /** Content hash of the files checked: the version publishing them would make. */
  version: string;
  problems: DraftProblem[];
  items: CheckItem[];
  checkedAt: string;
}

/** A course's own exercise as the library lists it. */
export interface CourseExerciseSummary {
  id: string;
  title: string;
  kind: "code" | "quiz";
  topic: string;
  /** The catalogue exercise it was copied from, if any. */
  copiedFrom: string | null;
  /** Latest published version, or null before the first publish. */
  publishedVersion: string | null;
  /** True when the draft differs from the latest published version. */
  draftChanged: boolean;
  updatedAt: string;
  /** Assignments of the course that use it. */
  assignmentCount: number;
}

/** One published, immutable version of a course exercise. */
export interface PublishedVersion {
  version: string;
  publishedAt: string;
  title: string;
  /** Whether it is the exercise's current (latest published) version. */
  current: boolean;
  /** Assignments pinned to this version. */
  assignmentCount: number;
}

/** "Try as a student": what a student would see for this code against the draft. */
export interface TryResult {
  result: EngineResult;
}
