import { describe, expect, it } from "vitest";
import { RecordValue, TensorEnvelope, Unsupported } from "@/lib/grading/value";

describe("value classes", () => {
  it("are recognised across module copies by their registered brand", async () => {
    // Exercise files import lib/grading through tsx's own module graph: a second copy of value.ts.
    const { tsImport } = await import("tsx/esm/api");
    const copy = (await tsImport("./lib/grading/value.ts", { parentURL: `file://${process.cwd()}/` })) as typeof import("@/lib/grading/value");
    expect(copy.TensorEnvelope).not.toBe(TensorEnvelope);
    const tensor = new copy.TensorEnvelope("float32", [1], new Float32Array([1]));
    expect(tensor instanceof TensorEnvelope).toBe(true);
    expect(new copy.RecordValue(new Map()) instanceof RecordValue).toBe(true);
    expect(new copy.Unsupported("a function") instanceof Unsupported).toBe(true);
    expect(tensor instanceof RecordValue).toBe(false);
  });

  it("cannot be forged by a plain object shaped like one", () => {
    const lookalike = { dtype: "float32", shape: [1], values: new Float32Array([1]) };
    expect(lookalike instanceof TensorEnvelope).toBe(false);
    expect({ entries: new Map() } instanceof RecordValue).toBe(false);
    expect((null as unknown) instanceof TensorEnvelope).toBe(false);
  });
});
