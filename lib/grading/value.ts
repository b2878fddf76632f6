/** Host-side representation of values copied out of the sandbox. */

export type NumericTypedArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Uint8ClampedArray;

/** A tensor the grader itself read out of the sandbox (class identity is the tag students cannot forge). */
export class TensorEnvelope {
  constructor(
    readonly dtype: string,
    readonly shape: number[],
    readonly values: NumericTypedArray,
  ) {}
}

/** A plain object result: own enumerable string keys in order. */
export class RecordValue {
  constructor(readonly entries: Map<string, Value>) {}
}

/** Something that is not data (a function, a Map, a Promise…), described in words. */
export class Unsupported {
  constructor(readonly description: string) {}
}

export type Value =
  | number
  | string
  | boolean
  | null
  | undefined
  | bigint
  | Value[]
  | NumericTypedArray
  | TensorEnvelope
  | RecordValue
  | Unsupported;

/** True for the typed arrays a result may use. */
export function isNumericTypedArray(v: unknown): v is NumericTypedArray {
  return (
    v instanceof Float32Array ||
    v instanceof Float64Array ||
    v instanceof Int32Array ||
    v instanceof Int16Array ||
    v instanceof Int8Array ||
    v instanceof Uint32Array ||
    v instanceof Uint16Array ||
    v instanceof Uint8Array ||
    v instanceof Uint8ClampedArray
  );
}

/** Short description of a value's type ("a string", "an array"); never its size or contents. */
export function describeType(v: Value): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (isNumericTypedArray(v)) return `a ${v.constructor.name}`;
  if (v instanceof TensorEnvelope) return `a ${v.dtype} tensor`;
  if (v instanceof RecordValue) return "an object";
  if (v instanceof Unsupported) return v.description;
  if (typeof v === "bigint") return "a BigInt";
  return `a ${typeof v}`;
}

/** Host value for trusted plain data (explicit expected values, original arguments). */
export function toValue(x: unknown): Value {
  if (x === null || x === undefined || typeof x === "number" || typeof x === "string" || typeof x === "boolean" || typeof x === "bigint") {
    return x;
  }
  if (Array.isArray(x)) return x.map(toValue);
  if (isNumericTypedArray(x)) return x;
  if (x instanceof TensorEnvelope || x instanceof RecordValue || x instanceof Unsupported) return x;
  if (typeof x === "object") return new RecordValue(new Map(Object.entries(x).map(([k, v]) => [k, toValue(v)])));
  return new Unsupported(`a ${typeof x}`);
}
