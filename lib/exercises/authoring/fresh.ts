/** Hidden tests that a result is a new array, not the argument handed back (a caller may change it later). */
import { check, findMismatch, formatMismatch } from "../../grading/compare";
import { SERIES_EXPORT, type FreshOptions } from "../../grading/series-harness";
import { RecordValue, type Value } from "../../grading/value";
import type { CodeExerciseInput } from "../schema";

type Test = CodeExerciseInput["tests"][number];

const TOL = { rtol: 1e-4, atol: 1e-6 };

/**
 * A test that calls `call(...args)` and fails when the result is argument `argIndex` itself, else compares
 * the value with the reference's (default tolerances). Extra fields (misconception, hint) are merged in.
 */
export function returnsNewArray(name: string, call: string, args: unknown[], argIndex: number, extra: Partial<Test> = {}): Test {
  const options: FreshOptions = { fresh: argIndex };
  return {
    name,
    call: SERIES_EXPORT,
    args: [call, [args], options],
    compare: check((result, { expected }) => {
      const probe = fieldsOf(result);
      if (!probe) return "the result could not be read";
      if (probe.get("isArgument") === true) return `returned argument ${argIndex + 1} itself instead of a new array`;
      const want = fieldsOf(expected)?.get("value");
      if (want === undefined) return true;
      const m = findMismatch(want, probe.get("value"), TOL);
      return m ? formatMismatch(m, false) : true;
    }),
    ...extra,
  };
}

function fieldsOf(value: Value | undefined): Map<string, Value> | null {
  return value instanceof RecordValue ? value.entries : null;
}
