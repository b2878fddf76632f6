/**
 * npm run bench — prints JSON: isolate start (snapshot vs tf.min.js afresh), per-submission overhead
 * versus a bare `node -e 0` spawn, tfjs training in the sandbox versus the host, and trivial gradings
 * per second with one grader process and with the full pool.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import ivm from "isolated-vm";
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import type { ExercisePackage } from "../lib/exercises/loader";
import { CodeExerciseSchema } from "../lib/exercises/schema";
import { resolveLimits } from "../lib/grading/limits";
import { GraderPool } from "../lib/grading/pool/pool";
import { gradeSource } from "../lib/grading/runner";
import { baseScripts } from "../lib/grading/sandbox/platform-source";
import { SandboxProvider } from "../lib/grading/sandbox/provider";
import { SandboxIsolate } from "../lib/grading/sandbox/sandbox";
import { getTfSnapshot } from "../lib/grading/sandbox/snapshot";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number, d = 2) => Number(x.toFixed(d));

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function isolateStarts(runs: number) {
  const snapshot = getTfSnapshot();
  const fromSnapshot: number[] = [];
  const afresh: number[] = [];
  const firstOp = "tf.tidy(() => tf.add(tf.tensor([1, 2]), 1).dataSync()[0])";
  for (let i = 0; i < runs; i++) {
    fromSnapshot.push(time(() => {
      const iso = new ivm.Isolate({ snapshot, memoryLimit: 256 });
      iso.createContextSync().evalSync(firstOp);
      iso.dispose();
    }));
    afresh.push(time(() => {
      const iso = new ivm.Isolate({ memoryLimit: 256 });
      const ctx = iso.createContextSync();
      for (const s of baseScripts()) ctx.evalSync(s.code, { filename: s.filename });
      ctx.evalSync(firstOp);
      iso.dispose();
    }));
  }
  return { snapshotMs: round(median(fromSnapshot)), tfMinJsAfreshMs: round(median(afresh)), speedup: round(median(afresh) / median(fromSnapshot), 1) };
}

function nodeSpawnMs(runs: number): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(time(() => spawnSync(process.execPath, ["-e", "0"])));
  return median(xs);
}

const TRIVIAL_EXERCISE = {
  id: "trivial",
  title: "Identity",
  topic: "bench",
  kind: "code",
  points: 1,
  difficulty: "easy",
  exports: ["identity"],
  tests: [{ name: "identity", call: "identity", args: [[1, 2, 3]] }],
};
const TRIVIAL_SOURCE = "export function identity(x: number[]) { return x; }";

function trivialPackage(): ExercisePackage {
  return { exercise: CodeExerciseSchema.parse(TRIVIAL_EXERCISE), dir: "", prompt: "", starter: "", solution: TRIVIAL_SOURCE };
}

async function submissionOverhead(submissionsPerIsolate: number, runs: number) {
  const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate });
  const pkg = trivialPackage();
  await gradeSource(pkg, TRIVIAL_SOURCE, { provider });
  // Idle latency: the warm isolate is ready before each submission (as on an idle grader).
  const idle: number[] = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((r) => setImmediate(r));
    const t = performance.now();
    await gradeSource(pkg, TRIVIAL_SOURCE, { provider });
    idle.push(performance.now() - t);
  }
  // Full load: back to back, so isolate creation is on the critical path.
  const t = performance.now();
  for (let i = 0; i < runs; i++) await gradeSource(pkg, TRIVIAL_SOURCE, { provider });
  const loaded = (performance.now() - t) / runs;
  provider.dispose();
  return { idleMs: median(idle), fullLoadMs: loaded };
}

const TRAIN = `
  const xs = tf.tensor2d(Array.from({ length: 512 * 16 }, (_, i) => Math.sin(i * 0.37)), [512, 16]);
  const ys = tf.oneHot(tf.tensor1d(Array.from({ length: 512 }, (_, i) => i % 4), "int32"), 4);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 64, activation: "relu", inputShape: [16] }), tf.layers.dense({ units: 4, activation: "softmax" })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  await model.fit(xs, ys, { epochs: 8, batchSize: 32, verbose: 0, shuffle: false });
  tf.dispose([xs, ys]); model.dispose();`;

async function training(runs: number) {
  // tfjs greets Node users on stdout when its backend starts; this script's stdout carries only JSON.
  const log = console.log;
  const warn = console.warn;
  console.log = console.warn = () => undefined;
  await tf.setBackend("cpu");
  tf.tidy(() => tf.add(1, 1));
  console.log = log;
  console.warn = warn;
  const hostTrain = new Function("tf", `return (async () => {${TRAIN}})();`) as (t: typeof tf) => Promise<void>;
  const host: number[] = [];
  const sandbox: number[] = [];
  const sb = new SandboxIsolate({ useSnapshot: true, memoryMb: 512 });
  const session = sb.openSession(1, resolveLimits({ memoryMb: 512, callMs: 120_000 }), () => true);
  const loaded = await session.load(`exports.train = async function () {${TRAIN}\n return 1; };`);
  if (loaded.k !== "loaded") throw new Error(`bench training module failed: ${JSON.stringify(loaded)}`);
  for (let i = 0; i < runs + 1; i++) {
    let t = performance.now();
    await hostTrain(tf);
    if (i > 0) host.push(performance.now() - t);
    t = performance.now();
    const r = await session.call("train", []);
    if (r.k !== "ret") throw new Error(`bench training failed: ${JSON.stringify(r)}`);
    if (i > 0) sandbox.push(performance.now() - t);
  }
  sb.dispose();
  return { hostMs: round(median(host)), sandboxMs: round(median(sandbox)), ratio: round(median(sandbox) / median(host)) };
}

function writeTrivialExerciseRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "tg-bench-"));
  mkdirSync(path.join(root, "trivial"));
  writeFileSync(path.join(root, "trivial", "exercise.ts"), `export default ${JSON.stringify(TRIVIAL_EXERCISE)};\n`);
  for (const f of ["prompt.md", "starter.ts"]) writeFileSync(path.join(root, "trivial", f), "\n");
  writeFileSync(path.join(root, "trivial", "solution.ts"), TRIVIAL_SOURCE);
  // Grader children run as nobody: the folder must be world-readable.
  for (const p of [root, path.join(root, "trivial")]) chmodSync(p, 0o755);
  return root;
}

async function poolThroughput(root: string, size: number, jobs: number, submissionsPerIsolate: number): Promise<number> {
  const pool = new GraderPool({ size, exercisesRoot: root, submissionsPerIsolate });
  await pool.ready();
  await Promise.all(Array.from({ length: size * 4 }, () => pool.grade("trivial", TRIVIAL_SOURCE)));
  const t = performance.now();
  const results = await Promise.all(Array.from({ length: jobs }, () => pool.grade("trivial", TRIVIAL_SOURCE)));
  const perSecond = jobs / ((performance.now() - t) / 1000);
  await pool.close();
  if (results.some((r) => r.score !== 1)) throw new Error("bench: a trivial grading failed");
  return round(perSecond, 0);
}

function wasmBackend() {
  const require = createRequire(import.meta.url);
  try {
    return { installed: true, path: require.resolve("@tensorflow/tfjs-backend-wasm") };
  } catch {
    return {
      installed: false,
      note: "@tensorflow/tfjs-backend-wasm is not in node_modules (not installed by this benchmark). DESIGN.md measured it in an isolate: matMul ~19x faster than cpu, fit about equal; WebAssembly must be instantiated per isolate (it is undefined during createSnapshot), synchronously.",
    };
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const n = quick ? 5 : 15;
  const cores = availableParallelism();
  const starts = isolateStarts(n);
  const spawnMs = nodeSpawnMs(n);
  const fresh = await submissionOverhead(1, n * 4);
  const recycled = await submissionOverhead(50, n * 4);
  const root = writeTrivialExerciseRoot();
  try {
    const jobs = quick ? 100 : 400;
    const out = {
      machine: { cores, node: process.version, isolatedVm: z.object({ version: z.string() }).parse(createRequire(import.meta.url)("isolated-vm/package.json")).version },
      isolateStart: starts,
      nodeSpawnMs: round(spawnMs),
      submissionOverhead: {
        freshIsolatePerSubmission: { idleMs: round(fresh.idleMs), fullLoadMs: round(fresh.fullLoadMs), ratioToNodeSpawnIdle: round(fresh.idleMs / spawnMs, 3), ratioToNodeSpawnFullLoad: round(fresh.fullLoadMs / spawnMs, 3) },
        recycledIsolateFreshContext: { idleMs: round(recycled.idleMs), fullLoadMs: round(recycled.fullLoadMs), ratioToNodeSpawnIdle: round(recycled.idleMs / spawnMs, 3), ratioToNodeSpawnFullLoad: round(recycled.fullLoadMs / spawnMs, 3) },
      },
      training: await training(quick ? 2 : 3),
      gradingsPerSecond: {
        oneProcess: await poolThroughput(root, 1, jobs, 1),
        fullPool: await poolThroughput(root, cores, jobs, 1),
        oneProcessRecycled: await poolThroughput(root, 1, jobs, 50),
        fullPoolRecycled: await poolThroughput(root, cores, jobs, 50),
      },
      wasmBackend: wasmBackend(),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
