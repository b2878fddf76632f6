/** Expected values from the reference solution, computed through the same sandbox, cached by content. */
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { compileForPackage } from "./package-module";
import type { Limits } from "./limits";
import { HARNESS_SOURCE } from "./sandbox/harness-source";
import { SandboxIsolate } from "./sandbox/sandbox";
import type { GradingSpec, GradingTest } from "./spec";
import { toValue, type Value } from "./value";

/** Expected value per test name (and per repeat) for tests that compare against a value. */
export type Expectations = Map<string, Value[]>;

const memo = new Map<string, Promise<Expectations>>();

/** True when a test needs an expected value from the reference solution. */
export function needsReference(t: GradingTest): boolean {
  const kind = t.compare?.kind ?? "close";
  return t.expected === undefined && kind !== "throws";
}

function cacheKey(spec: GradingSpec): string {
  const h = createHash("sha256");
  h.update(spec.solution);
  h.update(HARNESS_SOURCE);
  h.update(String(spec.exercise.seed));
  for (const t of [...spec.exercise.examples, ...spec.exercise.tests]) h.update(serialize([t.name, t.call, t.args, t.repeat, t.expected ?? null, t.compare?.kind ?? "close"]));
  return h.digest("hex");
}

async function compute(spec: GradingSpec, limits: Limits, useSnapshot: boolean): Promise<Expectations> {
  const compiled = compileForPackage(spec, spec.solution);
  if (!compiled.ok) throw new Error(`reference solution of ${spec.exercise.id} does not compile: ${compiled.error}`);
  const sandbox = new SandboxIsolate({ useSnapshot, memoryMb: limits.memoryMb });
  try {
    const session = sandbox.openSession(spec.exercise.seed, limits, () => true);
    const loaded = await session.load(compiled.js);
    if (loaded.k !== "loaded") throw new Error(`reference solution of ${spec.exercise.id} failed to load: ${JSON.stringify(loaded)}`);
    const out: Expectations = new Map();
    for (const t of [...spec.exercise.examples, ...spec.exercise.tests]) {
      if (t.expected !== undefined) out.set(t.name, Array.from({ length: t.repeat }, () => toValue(t.expected)));
      if (!needsReference(t)) continue;
      const values: Value[] = [];
      for (let i = 0; i < t.repeat; i++) {
        const r = await session.call(t.call, structuredClone(t.args));
        if (r.k !== "ret") throw new Error(`reference solution of ${spec.exercise.id} failed test "${t.name}": ${JSON.stringify(r)}`);
        values.push(r.value);
      }
      out.set(t.name, values);
    }
    return out;
  } finally {
    sandbox.dispose();
  }
}

/** Expected values for every test of a package; computed once per content hash and process. */
export function getExpectations(spec: GradingSpec, limits: Limits, useSnapshot: boolean): Promise<Expectations> {
  const key = cacheKey(spec);
  let p = memo.get(key);
  if (!p) {
    p = compute(spec, limits, useSnapshot);
    p.catch(() => memo.delete(key));
    memo.set(key, p);
  }
  return p;
}
