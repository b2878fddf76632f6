import { afterAll, describe, expect, it } from "vitest";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { fixture, pkgOf } from "./helpers";

const withSnapshot = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
const withoutSnapshot = new SandboxProvider({ useSnapshot: false, submissionsPerIsolate: 1 });
const recycled = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 20 });
afterAll(() => {
  for (const p of [withSnapshot, withoutSnapshot, recycled]) p.dispose();
});

const RANDOM = `import * as tf from "@tensorflow/tfjs";\nconsole.log("rng", Math.random(), tf.randomNormal([3]).dataSync().join(","), tf.randomUniform([2]).dataSync().join(","));\nexport function softmax(x: number[][]) { return tf.softmax(tf.tensor2d(x)); }`;

describe("the snapshot switch", () => {
  it.each(["softmax/student-tfjs.ts", "softmax/student-overflow.ts", "softmax/student-columns.ts"])(
    "%s grades identically with and without the snapshot, and in a recycled isolate",
    async (file) => {
      const pkg = await pkgOf("softmax");
      const strip = (r: Awaited<ReturnType<typeof gradeSource>>) => ({ ...r, durationMs: 0 });
      const a = strip(await gradeSource(pkg, fixture(file), { provider: withSnapshot }));
      const b = strip(await gradeSource(pkg, fixture(file), { provider: withoutSnapshot }));
      const c = strip(await gradeSource(pkg, fixture(file), { provider: recycled }));
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    },
  );

  it("seeds Math.random and tfjs randomness: the same submission gives the same numbers", async () => {
    const pkg = await pkgOf("softmax");
    const runs = await Promise.all([withSnapshot, withoutSnapshot, recycled, recycled].map((provider) => gradeSource(pkg, RANDOM, { provider })));
    const logs = runs.map((r) => r.console.split("\n")[0]);
    expect(logs[0]).toMatch(/^rng 0\.\d+ /);
    expect(new Set(logs).size).toBe(1);
  });
});
