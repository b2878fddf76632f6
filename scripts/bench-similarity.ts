/**
 * The similarity analysis's half of `npm run bench` (issue 20): 300 submissions of one exercise, generated
 * deterministically from the labelled set's independent originals by scripts/similarity-disguise.ts (each a
 * copy of one of them under a seeded mix of disguises: a worst case, every submission shares code with a fifth
 * of the class). Measures analyseSimilarity's wall time (median of the runs after a warm-up), pairs per second,
 * the peak RSS growth during a run and the longest the event loop waited (it runs inside the web server when
 * embedded). Target (issue 20): under 10 s. `--quick` runs fewer rounds. Printed as JSON under `similarity`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { loadExercise } from "../lib/exercises/loader";
import { analyseSimilarity } from "../lib/similarity/analyse";
import type { SimilaritySubmission } from "../lib/similarity/types";
import { round } from "./bench-measure";
import { disguise, DISGUISES, exportedNames, seededRandom } from "./similarity-disguise";

const EXERCISE = "min-max-scaling";
const FIXTURES = path.resolve(import.meta.dirname, "../tests/fixtures");
const ORIGINALS = [
  "grading/min-max-scaling/student-loops.ts",
  "grading/min-max-scaling/student-functional.js",
  "grading/min-max-scaling/student-tfjs.ts",
  "grading/min-max-scaling/student-tfjs-stats-tensors.ts",
  "similarity/min-max-scaling/independent-columns.ts",
];
export const BENCH_SIMILARITY_SUBMISSIONS = 300;
const TARGET_SECONDS = 10;

export function generatedClass(size: number, starter: string): SimilaritySubmission[] {
  const originals = ORIGINALS.map((rel) => readFileSync(path.join(FIXTURES, rel), "utf8"));
  const keep = exportedNames(starter);
  const random = seededRandom(20);
  return Array.from({ length: size }, (_, i) => {
    const disguises = DISGUISES.filter(() => random() < 0.5);
    return { id: `submission-${i}`, code: disguise(originals[i % originals.length]!, disguises, i + 1, keep) };
  });
}

export async function benchSimilarity(options: { quick?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runs = options.quick ? 1 : 3;
  const loaded = await loadExercise(EXERCISE);
  if (!loaded.ok) throw new Error(`exercise ${EXERCISE}: ${loaded.errors.join("; ")}`);
  const boilerplate = { starter: loaded.pkg.starter, solution: loaded.pkg.solution };
  const submissions = generatedClass(BENCH_SIMILARITY_SUBMISSIONS, loaded.pkg.starter);
  const pairs = (submissions.length * (submissions.length - 1)) / 2;
  await analyseSimilarity(submissions.slice(0, 20), boilerplate); // warm-up (JIT, TypeScript's scanner)
  const times: number[] = [];
  let peakRssDelta = 0;
  let longestWaitMs = 0;
  let result: Awaited<ReturnType<typeof analyseSimilarity>> | undefined;
  for (let r = 0; r < runs; r++) {
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t = performance.now();
    result = await analyseSimilarity(submissions, boilerplate);
    times.push(performance.now() - t);
    delay.disable();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    peakRssDelta = Math.max(peakRssDelta, peak - rssBefore);
    longestWaitMs = Math.max(longestWaitMs, delay.max / 1e6);
    log(`bench-similarity: run ${r + 1}/${runs} in ${round(times.at(-1)! / 1000, 2)} s`);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return {
    class: { exercise: EXERCISE, submissions: submissions.length, pairs, originals: ORIGINALS.length, generatedBy: "scripts/similarity-disguise.ts, seeded" },
    runs,
    wallSeconds: round(median / 1000, 2),
    pairsPerSecond: Math.round(pairs / (median / 1000)),
    peakRssDeltaMb: round(peakRssDelta / 2 ** 20),
    longestEventLoopWaitMs: round(longestWaitMs),
    flaggedPairs: result?.flaggedPairs,
    commonFingerprints: result?.ignored.common,
    goal: { value: round(median / 1000, 2), target: TARGET_SECONDS, met: median / 1000 < TARGET_SECONDS },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSimilarity({ quick: process.argv.includes("--quick") })
    .then((out) => process.stdout.write(`${JSON.stringify({ similarity: out }, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench-similarity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
