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

/**
 * `instanceof` by a registered symbol instead of by class identity: exercise files are imported in
 * a module graph of their own (see lib/exercises/import-typescript.ts), so their checks hold another
 * copy of these classes. Values from the sandbox arrive as plain data and can never carry the brand.
 */
function branded(name: string) {
  const brand = Symbol.for(`tensorgrade.grading.${name}`);
  return {
    brand,
    is: (value: unknown): boolean => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true,
  };
}

const TENSOR = branded("TensorEnvelope");
const RECORD = branded("RecordValue");
const UNSUPPORTED = branded("Unsupported");

/** A tensor the grader itself read out of the sandbox (the brand is the tag students cannot forge). */
export class TensorEnvelope {
  readonly [TENSOR.brand] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return TENSOR.is(value);
  }

  constructor(
    readonly dtype: string,
    readonly shape: number[],
    readonly values: NumericTypedArray,
  ) {}
}

/** A plain object result: own enumerable string keys in order. */
export class RecordValue {
  readonly [RECORD.brand] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return RECORD.is(value);
  }

  constructor(readonly entries: Map<string, Value>) {}
}

/** Something that is not data (a function, a Map, a Promise…), described in words. */
export class Unsupported {
  readonly [UNSUPPORTED.brand] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return UNSUPPORTED.is(value);
  }

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
