/**
 * The series harness: appended to a module whose visible examples are drawn as curves. It calls one
 * of the student's exports once per argument list and returns the results as one array, so that a
 * schedule (one number per step) can be compared and drawn as a series. The host validates the result
 * like any other.
 */
export const SERIES_EXPORT = "__tensorgradeSeries";

export const SERIES_HARNESS_SOURCE = `
export async function ${SERIES_EXPORT}(name, argsList) {
  const fn = module.exports[name];
  if (typeof fn !== "function") throw new TypeError(name + " is not exported as a function");
  const results = [];
  for (const args of argsList) results.push(await fn(...args));
  return results;
}
`;
