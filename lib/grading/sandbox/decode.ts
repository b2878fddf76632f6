/** Validates what the harness copied out (untrusted) and turns it into host values and outcomes. */
import { z } from "zod";
import { isNumericTypedArray, RecordValue, TensorEnvelope, Unsupported, type Value } from "../value";

export class DecodeError extends Error {}

interface Budget {
  left: number;
  maxDepth: number;
}

function fail(why: string): never {
  throw new DecodeError(why);
}

/** Decodes one value node (see harness-source.ts), enforcing size and depth on the host as well. */
export function decodeValue(node: unknown, budget: Budget, depth = 0): Value {
  if (--budget.left < 0) fail("result too large");
  if (depth > budget.maxDepth + 1) fail("result nested too deeply");
  if (node === null || typeof node === "number" || typeof node === "boolean") return node;
  if (typeof node === "string") {
    budget.left -= Math.floor(node.length / 8);
    if (budget.left < 0) fail("result too large");
    return node;
  }
  if (!Array.isArray(node) || typeof node[0] !== "string") fail("malformed result");
  const [tag, a, b, c] = node;
  switch (tag) {
    case "u":
      return undefined;
    case "b":
      return typeof a === "string" && /^-?\d+$/.test(a) ? BigInt(a) : fail("malformed bigint");
    case "x":
      return new Unsupported(typeof a === "string" ? a : "an unsupported value");
    case "!":
      return fail(typeof a === "string" ? a : "result could not be read");
    case "n": {
      if (!(a instanceof Float64Array)) fail("malformed number array");
      budget.left -= a.length;
      if (budget.left < 0) fail("result too large");
      return Array.from(a);
    }
    case "ta": {
      if (!isNumericTypedArray(b) || b.constructor.name !== a) fail("malformed typed array");
      budget.left -= b.length;
      if (budget.left < 0) fail("result too large");
      return b;
    }
    case "t": {
      if (typeof a !== "string" || !(b instanceof Float64Array) || !isNumericTypedArray(c)) fail("malformed tensor");
      const shape = Array.from(b);
      if (!shape.every((d) => Number.isInteger(d) && d >= 0)) fail("malformed tensor shape");
      if (shape.reduce((p, d) => p * d, 1) !== c.length) fail("tensor size does not match its shape");
      budget.left -= c.length;
      if (budget.left < 0) fail("result too large");
      return new TensorEnvelope(a, shape, c);
    }
    case "a":
      return node.slice(1).map((item) => decodeValue(item, budget, depth + 1));
    case "o": {
      const entries = new Map<string, Value>();
      for (let i = 1; i + 1 < node.length; i += 2) {
        const key = node[i];
        if (typeof key !== "string") fail("malformed object key");
        entries.set(key, decodeValue(node[i + 1], budget, depth + 1));
      }
      return new RecordValue(entries);
    }
    default:
      return fail("malformed result");
  }
}

export const ThrownSchema = z.object({
  k: z.enum(["throw", "readfail"]),
  kind: z.enum(["error", "value", "missing"]),
  cls: z.string().max(64),
  msg: z.string().max(2000),
  line: z.number().int().min(0),
  col: z.number().int().min(0),
});
export type Thrown = z.infer<typeof ThrownSchema>;

export const LoadedSchema = z.object({ k: z.literal("loaded"), names: z.array(z.string().max(200)).max(1000) });
const ReturnedSchema = z.object({ k: z.literal("ret"), v: z.unknown(), a: z.unknown() });

export type RawOutcome =
  | { k: "ret"; value: Value; argsAfter: Value }
  | { k: "throw"; thrown: Thrown }
  | { k: "bad"; why: string };

/** Parses the envelope of one call's result; a result that breaks the rules becomes `bad`. */
export function decodeCall(raw: unknown, resultItems: number, resultDepth: number): RawOutcome {
  const thrown = ThrownSchema.safeParse(raw);
  if (thrown.success) {
    if (thrown.data.k === "readfail") return { k: "bad", why: `reading the result threw ${thrown.data.cls}` };
    return { k: "throw", thrown: thrown.data };
  }
  const ret = ReturnedSchema.safeParse(raw);
  if (!ret.success) return { k: "bad", why: "malformed result" };
  try {
    const value = decodeValue(ret.data.v, { left: resultItems, maxDepth: resultDepth });
    const argsAfter = decodeValue(ret.data.a, { left: resultItems, maxDepth: resultDepth });
    return { k: "ret", value, argsAfter };
  } catch (e) {
    if (e instanceof DecodeError) return { k: "bad", why: e.message };
    throw e;
  }
}
