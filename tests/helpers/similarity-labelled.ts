/**
 * The labelled set of issue 20 (tests/fixtures/similarity/manifest.json): per exercise, one class made of
 * independently written originals, hand-made copies and copies by the deterministic transformer; and the
 * figures of an analysis over it (ROC AUC, precision and recall at the flag threshold).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { analyseSimilarity } from "@/lib/similarity/analyse";
import { loadExercise } from "@/lib/exercises/loader";
import type { SimilarityBoilerplate, SimilarityOptions, SimilaritySubmission } from "@/lib/similarity/types";
import { disguise, DISGUISES, exportedNames, type Disguise } from "./similarity-transform";

export const FIXTURES_ROOT = path.resolve("tests/fixtures");

const ManifestSchema = z.object({
  exercises: z.record(
    z.string(),
    z.object({ originals: z.array(z.string()).min(2), copies: z.array(z.object({ file: z.string(), of: z.string() })) }),
  ),
});

export interface LabelledSubmission extends SimilaritySubmission {
  /** The original it was copied from (itself for an original): two submissions of one family are a copy pair. */
  family: string;
  how: string;
}

export interface LabelledClass {
  exercise: string;
  boilerplate: SimilarityBoilerplate;
  submissions: LabelledSubmission[];
}

/** Which transformer copies each original gets: every disguise alone, and all of them together. */
export const GENERATED: readonly (readonly Disguise[])[] = [...DISGUISES.map((d) => [d]), DISGUISES];

const read = (rel: string) => readFileSync(path.join(FIXTURES_ROOT, rel), "utf8");

export async function boilerplateOf(exercise: string): Promise<SimilarityBoilerplate> {
  const loaded = await loadExercise(exercise);
  if (!loaded.ok) throw new Error(`exercise ${exercise}: ${loaded.errors.join("; ")}`);
  return { starter: loaded.pkg.starter, solution: loaded.pkg.solution };
}

export async function labelledClasses(): Promise<LabelledClass[]> {
  const manifest = ManifestSchema.parse(JSON.parse(read("similarity/manifest.json")));
  const classes: LabelledClass[] = [];
  for (const [exercise, entry] of Object.entries(manifest.exercises)) {
    const boilerplate = await boilerplateOf(exercise);
    const keep = exportedNames(boilerplate.starter);
    const submissions: LabelledSubmission[] = [];
    entry.originals.forEach((file, o) => {
      const code = read(file);
      submissions.push({ id: file, code, family: file, how: "original" });
      GENERATED.forEach((disguises, g) => {
        const how = disguises.length === DISGUISES.length ? "all" : disguises.join("+");
        submissions.push({ id: `${file}#${how}`, code: disguise(code, disguises, 1000 * o + g + 1, keep), family: file, how });
      });
    });
    for (const copy of entry.copies) submissions.push({ id: copy.file, code: read(copy.file), family: copy.of, how: "by hand" });
    classes.push({ exercise, boilerplate, submissions });
  }
  return classes;
}

export interface ScoredPair {
  exercise: string;
  a: LabelledSubmission;
  b: LabelledSubmission;
  similarity: number;
  flagged: boolean;
  copy: boolean;
}

export async function scorePairs(classes: LabelledClass[], options: Partial<SimilarityOptions> = {}): Promise<ScoredPair[]> {
  const scored: ScoredPair[] = [];
  for (const c of classes) {
    const byId = new Map(c.submissions.map((s) => [s.id, s]));
    const result = await analyseSimilarity(c.submissions, c.boilerplate, options);
    for (const p of result.pairs) {
      const a = byId.get(p.a)!;
      const b = byId.get(p.b)!;
      scored.push({ exercise: c.exercise, a, b, similarity: p.similarity, flagged: p.flagged, copy: a.family === b.family });
    }
  }
  return scored;
}

/** ROC AUC: the chance that a random copy pair scores above a random independent pair (ties count half). */
export function rocAuc(pairs: readonly { similarity: number; copy: boolean }[]): number {
  const sorted = [...pairs].sort((x, y) => x.similarity - y.similarity);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.similarity === sorted[i]!.similarity) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]!.copy) {
        rankSum += averageRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface SimilarityFigures {
  exercises: number;
  submissions: number;
  copyPairs: number;
  independentPairs: number;
  rocAuc: number;
  precision: number;
  recall: number;
  /** The most similar independent pair and the least similar copy pair. */
  highestIndependent: number;
  lowestCopy: number;
  /** Per exercise, for a weak spot to show. */
  perExercise: Record<string, { rocAuc: number; precision: number; recall: number }>;
}

function precisionRecall(pairs: readonly ScoredPair[]): { precision: number; recall: number } {
  const flagged = pairs.filter((p) => p.flagged);
  const truePositives = flagged.filter((p) => p.copy).length;
  const copies = pairs.filter((p) => p.copy).length;
  return { precision: flagged.length ? truePositives / flagged.length : 1, recall: copies ? truePositives / copies : 1 };
}

export function figuresOf(classes: LabelledClass[], pairs: readonly ScoredPair[]): SimilarityFigures {
  const perExercise: SimilarityFigures["perExercise"] = {};
  for (const c of classes) {
    const own = pairs.filter((p) => p.exercise === c.exercise);
    perExercise[c.exercise] = { rocAuc: round(rocAuc(own)), ...mapValues(precisionRecall(own)) };
  }
  return {
    exercises: classes.length,
    submissions: classes.reduce((n, c) => n + c.submissions.length, 0),
    copyPairs: pairs.filter((p) => p.copy).length,
    independentPairs: pairs.filter((p) => !p.copy).length,
    rocAuc: round(rocAuc(pairs)),
    ...mapValues(precisionRecall(pairs)),
    highestIndependent: round(Math.max(...pairs.filter((p) => !p.copy).map((p) => p.similarity))),
    lowestCopy: round(Math.min(...pairs.filter((p) => p.copy).map((p) => p.similarity))),
    perExercise,
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const mapValues = (o: { precision: number; recall: number }) => ({ precision: round(o.precision), recall: round(o.recall) });
