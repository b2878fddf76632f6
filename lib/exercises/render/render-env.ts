/** What one render call carries through markdown-it's rules: its inputs and the problems it found. */
import type { PlaceholderValue } from "./placeholders";

export interface RenderProblem {
  kind: "placeholder" | "math" | "plot";
  message: string;
}

/** Named data arrays that ```plot blocks may reference from `series`. */
export type FigureData = Readonly<Record<string, readonly number[]>>;

export interface RenderEnv {
  /** Placeholder names in source order; the source holds sentinels that index into this list. */
  placeholderNames: string[];
  params: Readonly<Record<string, PlaceholderValue>>;
  figures: FigureData;
  /** Counts plot blocks, for error messages and stable figure ids. */
  plotCount: number;
  problems: RenderProblem[];
}
