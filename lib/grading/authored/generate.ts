/** Runs a data package's test generators in the authored sandbox and validates what they return. */
import { z } from "zod";
import { generatorSeed } from "./rng";
import type { AuthoredSandbox } from "./sandbox";
import { DataTestSchema, describeIssues, type DataCodeGrading, type DataTest } from "./schema";

/** Tests one generator may return. */
export const MAX_GENERATED_TESTS = 500;

const GeneratedSchema = z.array(DataTestSchema).max(MAX_GENERATED_TESTS);

/**
 * Each generator's tests, in the order of `generators`: called as `fn(rng)` with the quiz rng seeded
 * from the exercise seed and the export's name (rng.ts generatorSeed). Problems name the generator.
 */
export function generateTests(exercise: DataCodeGrading, sandbox: AuthoredSandbox): { tests: DataTest[]; problems: string[] } {
  const tests: DataTest[] = [];
  const problems: string[] = [];
  for (const name of exercise.generators) {
    const result = sandbox.call(name, [], { role: "generator", rngSeed: generatorSeed(exercise.seed, name) });
    if (!result.ok) {
      problems.push(result.error);
      continue;
    }
    const parsed = GeneratedSchema.safeParse(result.value);
    if (!parsed.success) {
      problems.push(`generator \`${name}\` returned invalid tests: ${describeIssues(parsed.error)}`);
      continue;
    }
    for (const test of parsed.data) {
      if (!exercise.exports.includes(test.call)) problems.push(`generator \`${name}\`: test "${test.name}" calls ${test.call}, which is not in exports`);
      else tests.push(test);
    }
  }
  return { tests, problems };
}

/** Every test name that appears twice among examples, tests and generated tests. */
export function duplicateNames(groups: DataTest[][]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const test of groups.flat()) {
    if (seen.has(test.name)) twice.add(test.name);
    seen.add(test.name);
  }
  return [...twice].map((name) => `duplicate test name "${name}"`);
}
