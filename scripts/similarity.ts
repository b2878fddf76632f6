/**
 * npm run --silent similarity -- <exercise-id> <file> <file>… [--json]
 * Analyses the files as one class's submissions to the exercise (issue 20), ignoring what they share with the
 * exercise's starter and reference solution. With --json: one JSON array of pairs
 * { a, b, similarity, flagged }, most similar first, `a` before `b` in argument order; otherwise a ranked table.
 */
import { readFile } from "node:fs/promises";
import { loadExercise } from "../lib/exercises/loader";
import { analyseSimilarity } from "../lib/similarity/analyse";
import { MAX_TOKENS } from "../lib/similarity/tokenize";
import type { SimilarityPair, SimilarityResult } from "../lib/similarity/types";

const USAGE = "usage: npm run --silent similarity -- <exercise-id> <file> <file>… [--json]";

function fail(message: string): never {
  process.stderr.write(`similarity: ${message}\n`);
  process.exit(2);
}

function table(result: SimilarityResult): string {
  const width = Math.max(1, ...result.pairs.map((p) => p.a.length));
  const rows = result.pairs.map(
    (p: SimilarityPair) => `${(p.similarity * 100).toFixed(0).padStart(4)}%  ${p.flagged ? "FLAGGED" : "       "}  ${p.a.padEnd(width)}  ${p.b}`,
  );
  const notes = [
    `${result.pairs.length} pairs; flagged at ${(result.options.flagThreshold * 100).toFixed(0)}% or more.`,
    `Ignored: ${result.ignored.boilerplate} fingerprints shared with the starter or the reference solution, ${result.ignored.common} common to more than ${(result.options.maxFingerprintShare * 100).toFixed(0)}% of the files.`,
    ...(result.skipped.length ? [`No fingerprint left (empty, too short or all boilerplate): ${result.skipped.join(", ")}`] : []),
    ...(result.truncated.length ? [`Only the first ${MAX_TOKENS} tokens analysed (truncated): ${result.truncated.join(", ")}`] : []),
  ];
  const header = `  sim  flag     ${"a".padEnd(width)}  b`;
  return [header, ...rows, "", ...notes, ""].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--json");
  if (unknown.length) fail(`unknown option ${unknown.join(", ")}\n${USAGE}`);
  const [exerciseId, ...files] = args.filter((a) => !a.startsWith("--"));
  if (!exerciseId) fail(`no exercise id\n${USAGE}`);
  if (files.length < 2) fail(`at least 2 files are needed to compare, got ${files.length}\n${USAGE}`);
  const loaded = await loadExercise(exerciseId);
  if (!loaded.ok) fail(`exercise ${exerciseId}: ${loaded.errors.join("; ")}`);
  const submissions = await Promise.all(
    files.map(async (file) => {
      try {
        return { id: file, code: await readFile(file, "utf8") };
      } catch (e) {
        const why = e instanceof Error && "code" in e && e.code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e);
        return fail(`cannot read ${file}: ${why}`);
      }
    }),
  );
  // Every pair: the command line has no page to fill, and its files are few.
  const everyPair = (submissions.length * (submissions.length - 1)) / 2;
  const result = await analyseSimilarity(submissions, { starter: loaded.pkg.starter, solution: loaded.pkg.solution }, {}, undefined, { keepPairs: everyPair });
  if (json && result.truncated.length) process.stderr.write(`similarity: only the first ${MAX_TOKENS} tokens analysed (truncated): ${result.truncated.join(", ")}\n`);
  if (json) {
    const pairs = result.pairs.map(({ a, b, similarity, flagged }) => ({ a, b, similarity, flagged }));
    process.stdout.write(`${JSON.stringify(pairs)}\n`);
  } else {
    process.stdout.write(table(result));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`similarity: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
