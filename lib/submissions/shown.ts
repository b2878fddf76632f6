import { figureOf, type Figure } from "./curve";

/**
 * How a visible example's values appear under its message: as a figure, and the raw "expected …, got …"
 * line inline, folded under the figure, or not at all when it would only repeat what is already there.
 */
export interface ShownDisplay {
  figure: Figure | null;
  values: "inline" | "folded" | "none";
}

const isScalar = (value: unknown) => value === null || ["number", "string", "boolean"].includes(typeof value);

/** The figure and the values line for one test's shown values, given the message printed above them. */
export function shownDisplay(shown: { expected: unknown; actual: unknown }, message: string): ShownDisplay {
  const figure = figureOf(shown);
  // A model summary is the readable form of the values: the raw harness output is not for reading.
  if (figure?.kind === "model") return { figure, values: "none" };
  // A path's raw form carries the sampled curve; its figure writes out where the paths start, end and part.
  if (figure?.kind === "path") return { figure, values: "none" };
  if (figure) return { figure, values: "folded" };
  // A failed scalar's message already reads "expected 0.05, got 0.04444444444".
  const repeats = isScalar(shown.expected) && isScalar(shown.actual) && /\bexpected\b.*\bgot\b/.test(message);
  return { figure: null, values: repeats ? "none" : "inline" };
}
