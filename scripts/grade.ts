/**
 * npm run --silent grade -- <exercise-id> <file> [<file>…] [--json] [--no-snapshot]
 * Grades each file through the grader pool; one JSON line per file (in argument order) with --json.
 */
import { readFile } from "node:fs/promises";
import { artefactFromDisk } from "../lib/exercises/artefacts";
import { loadExercise } from "../lib/exercises/loader";
import { GraderPool } from "../lib/grading/pool/pool";
import type { EngineResult } from "../lib/grading/result";

interface Line extends EngineResult {
  exercise: string;
  file: string;
}

function usage(): never {
  process.stderr.write("usage: npm run --silent grade -- <exercise-id> <file> [<file>…] [--json] [--no-snapshot]\n");
  process.exit(2);
}

function table(line: Line): string {
  const head = `${line.file}  ${line.status}  score ${(line.score * 100).toFixed(0)}%  ${line.durationMs} ms`;
  const rows = line.tests.map((t) => `  ${t.passed ? "✓" : "✗"} ${t.name}${t.message ? ` — ${t.message}` : ""}`);
  const extra = [
    ...(line.message ? [`  ${line.message}`] : []),
    // Escaped, never raw: student output must not be able to forge lines of this report.
    ...(line.console ? [`  console: ${JSON.stringify(line.console.slice(0, 2000))}`] : []),
  ];
  return [head, ...extra, ...rows, ""].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const useSnapshot = !args.includes("--no-snapshot");
  const [exerciseId, ...files] = args.filter((a) => !a.startsWith("--"));
  if (!exerciseId || files.length === 0) usage();
  const loaded = await loadExercise(exerciseId);
  if (!loaded.ok) {
    process.stderr.write(`exercise ${exerciseId}:\n  ${loaded.errors.join("\n  ")}\n`);
    process.exit(2);
  }
  const pool = new GraderPool({ useSnapshot, size: files.length > 1 ? undefined : 1, artefactOf: artefactFromDisk });
  try {
    const pending = files.map(async (file): Promise<Line> => {
      let source: string;
      try {
        source = await readFile(file, "utf8");
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return { exercise: exerciseId, file, status: "error", score: 0, tests: [], durationMs: 0, console: "", message: `cannot read the file: ${why}` };
      }
      const result = await pool.grade(exerciseId, source);
      // The CLI's contract: each test is exactly { name, passed, message }.
      const tests = result.tests.map(({ name, passed, message }) => ({ name, passed, message }));
      return { exercise: exerciseId, file, ...result, tests };
    });
    for (const p of pending) {
      const line = await p;
      process.stdout.write(json ? `${JSON.stringify(line)}\n` : table(line));
    }
  } finally {
    await pool.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`grade: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
