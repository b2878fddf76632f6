/**
 * The right solutions of the test corpora (tests/fixtures/grading/* and tests/fixtures/students/*, those a
 * manifest expects to score full marks), each with its exercise's starter: what the typed editor must not
 * complain about. Used by scripts/bench-editor.ts and tests/unit/editor.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const ManifestSchema = z.object({
  exercise: z.string(),
  solutions: z.array(z.object({ file: z.string(), expect: z.string() })),
});

export interface CorpusSolution {
  /** Relative to the project root, e.g. tests/fixtures/students/adam/right-loops.ts. */
  file: string;
  exercise: string;
  code: string;
  starter: string | null;
}

const CORPORA = ["tests/fixtures/grading", "tests/fixtures/students"];

export function rightCorpusSolutions(root: string): CorpusSolution[] {
  const found: CorpusSolution[] = [];
  for (const corpus of CORPORA) {
    const dir = path.join(root, corpus);
    if (!existsSync(dir)) continue;
    for (const folder of readdirSync(dir).sort()) {
      const manifestFile = path.join(dir, folder, "manifest.json");
      if (!existsSync(manifestFile)) continue;
      const manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestFile, "utf8")));
      const starterFile = path.join(root, "exercises", manifest.exercise, "starter.ts");
      const starter = existsSync(starterFile) ? readFileSync(starterFile, "utf8") : null;
      for (const solution of manifest.solutions) {
        if (solution.expect !== "full") continue;
        const file = path.join(corpus, folder, solution.file);
        found.push({ file, exercise: manifest.exercise, code: readFileSync(path.join(root, file), "utf8"), starter });
      }
    }
  }
  return found;
}
