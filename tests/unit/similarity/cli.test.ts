import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function similarity(...args: string[]) {
  return run(process.execPath, [TSX, "scripts/similarity.ts", ...args], { env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` }, timeout: 60_000 });
}

const PairsSchema = z.array(z.object({ a: z.string(), b: z.string(), similarity: z.number().min(0).max(1), flagged: z.boolean() }).strict());

const LOOPS = "tests/fixtures/grading/softmax/student-loops.js";
const HAND_COPY = path.resolve("tests/fixtures/similarity/softmax/copy-loops-by-hand.ts");
const TFJS = "tests/fixtures/grading/softmax/student-tfjs.ts";

// Each case spawns tsx (several seconds on a loaded machine).
describe("scripts/similarity.ts", { timeout: 90_000 }, () => {
  it("prints exactly one JSON array of pairs, most similar first, a before b in argument order, files as given", async () => {
    const { stdout } = await similarity("softmax", TFJS, LOOPS, HAND_COPY, "--json");
    const pairs = PairsSchema.parse(JSON.parse(stdout));
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(pairs).toHaveLength(3);
    expect(pairs[0]).toMatchObject({ a: LOOPS, b: HAND_COPY, flagged: true });
    expect(pairs[0]!.similarity).toBeGreaterThan(0.5);
    expect(pairs.slice(1).map((p) => [p.a, p.b])).toEqual([[TFJS, LOOPS], [TFJS, HAND_COPY]]);
    expect(pairs.slice(1).every((p) => !p.flagged && p.similarity < pairs[0]!.similarity)).toBe(true);
  });

  it("prints a readable ranked table without --json", async () => {
    const { stdout } = await similarity("softmax", LOOPS, HAND_COPY, TFJS);
    const lines = stdout.split("\n");
    expect(lines[1]).toMatch(new RegExp(`^\\s+\\d+%  FLAGGED  ${LOOPS}\\s+${HAND_COPY}$`));
    expect(stdout).toContain("3 pairs; flagged at 50% or more.");
    expect(stdout).toMatch(/Ignored: \d+ fingerprints shared with the starter or the reference solution/);
  });

  it.each([
    [["no-such-exercise", LOOPS, TFJS, "--json"], /exercise no-such-exercise: .*no such exercise/],
    [["hidden-activation", LOOPS, TFJS], /not a code exercise/],
    [["softmax", LOOPS, "missing-file.ts"], /cannot read missing-file\.ts: no such file/],
    [["softmax", LOOPS], /at least 2 files are needed to compare, got 1/],
    [["softmax", LOOPS, TFJS, "--csv"], /unknown option --csv/],
  ])("exits 2 with one clear line on stderr: %j", async (args, message) => {
    const failure = await similarity(...args).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 2, stdout: "" });
    expect(failure!.stderr.split("\n")[0]).toMatch(message);
  });
});
