/**
 * One interface for what varies by exercise kind. Each kind is one file in this folder; the registry
 * (index.ts) lists them, so adding a kind adds a file and a line there, not a branch in every module.
 */
import type { z } from "zod";
import type { exerciseKind } from "../../db/schema/enums";
import type { EngineResult } from "../../grading/result";
import type { ExerciseView } from "../exercise-view";
import type { AnyLoadResult, AnyPackage, ExercisePackage } from "../package";
import type { AnsweredQuestion } from "../quiz/attempt-details";
import type { LoadInput } from "./load-parts";
import type { Answers, CodeRequest, RequestSpec } from "./requests";

/** The kinds the database knows (its `exercise_kind` enum). */
export type Kind = (typeof exerciseKind.enumValues)[number];

export interface CheckLine {
  ok: boolean;
  text: string;
}

/** The real grader, handed to `check` so that the registry itself never loads the sandbox. */
export interface CheckTools {
  grade(pkg: ExercisePackage, source: string): Promise<EngineResult>;
  /** Bundles the package's artefact module as a sync would (lib/exercises/artefact-build.ts); throws esbuild's errors. */
  bundle(pkg: ExercisePackage): Promise<void>;
}

/** A package's own code (or, for answers, its key or a blank sheet) that a preview grades by name. */
export type PackageSource = "solution" | "starter";

/** Kinds whose submissions are code, graded by the sandbox through the queue. */
export interface QueuedGrading<P> {
  mode: "queued";
  request: RequestSpec<CodeRequest>;
  /** The code a preview of `which` grades. */
  source(pkg: P, which: PackageSource): string;
}

/** A stored answers attempt, as a review of it needs it. */
export interface StoredAttempt {
  answers: unknown;
  variant: unknown;
  variantSeed: number;
}

/** What grading answers gives: the variant graded (stored with the attempt), the score and one visible result per item. */
export interface InlineGrade {
  variant: unknown;
  score: number;
  tests: Array<{ name: string; passed: boolean; message: string }>;
}

/** Kinds whose submissions are answers, graded at once in the request. */
export interface InlineGrading<P> {
  mode: "inline";
  request: RequestSpec<{ answers: Answers }>;
  /** Refuses what is not an answer sheet of this exercise; `complete` also refuses blanks (a counted attempt). */
  checkAnswers(pkg: P, answers: Answers, complete: boolean): { ok: true } | { ok: false; message: string };
  /** Grades `answers` on the variant drawn from `seed`. */
  grade(pkg: P, seed: number, answers: Answers): InlineGrade;
  /** Grades a stored attempt again on the variant stored with it (a regrade gives the same numbers). */
  gradeStored(pkg: P, attempt: StoredAttempt): InlineGrade;
  /** The reference answers of the variant drawn from `seed`, as a student would send them. */
  answerKey(pkg: P, seed: number): Answers;
  /** A stored attempt's answers as the student reads them. */
  reviewAnswers(pkg: P, attempt: StoredAttempt): AnsweredQuestion[];
  /** The explanations of a stored attempt's items, by item name; computed only when released. */
  explanations(pkg: P, attempt: StoredAttempt): Map<string, string>;
}

export interface ExerciseKind<P extends AnyPackage = AnyPackage> {
  /** How the UI names the kind. */
  label: string;
  /** What `exercise.ts` default-exports, as authors write it (the JSON Schema is generated from it). */
  schema: z.ZodObject;
  /** Validates the default export and reads the package's other files, reporting every problem per file. */
  load(input: LoadInput): AnyLoadResult;
  /** What a viewer's browser receives; `promptHtml` is the prompt already rendered. */
  studentView(pkg: P, viewerId: string, promptHtml: string): ExerciseView;
  grading: QueuedGrading<P> | InlineGrading<P>;
  /** Whether the editor keeps a server-side draft of the student's work. */
  keepsDrafts: boolean;
  /** Whether its attempts have explanations released by the assignment's rule. */
  releasesExplanations: boolean;
  /** The instructor's preview: what it checks and the labels of its two buttons. */
  preview: { hint: string; solution: string; starter: string };
  /** `npm run exercises:check`'s checks beyond loading, one line each. */
  check(pkg: P, tools: CheckTools): Promise<CheckLine[]>;
}
