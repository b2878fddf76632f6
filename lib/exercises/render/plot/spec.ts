/** The fields of a ```plot block (see block-parser.ts for the syntax) as a zod schema. */
import { z } from "zod";

const RangeSchema = z
  .tuple([z.number(), z.number()])
  .refine(([low, high]) => low < high, "must be [low, high] with low < high");

/** A registry function by name, or `{fn: name, label?, ...its parameters}`. */
export const PlotFunctionEntrySchema = z.union([
  z.string().min(1),
  z.looseObject({ fn: z.string().min(1), label: z.string().min(1).max(80).optional() }),
]);

/** A data series: a name from the render call's `figures`, or inline `data` at x = start, start + step, … */
export const PlotSeriesEntrySchema = z.union([
  z.string().min(1),
  z
    .strictObject({
      name: z.string().min(1).optional(),
      label: z.string().min(1).max(80).optional(),
      data: z.array(z.number()).min(1).max(5000).optional(),
      start: z.number().default(0),
      step: z.number().positive().default(1),
    })
    .refine((s) => s.name !== undefined || s.data !== undefined, "needs `name` (figure data) or inline `data`"),
]);

export const PlotMarkerSchema = z.strictObject({ x: z.number(), label: z.string().min(1).max(60).optional() });

export const PlotSpecSchema = z
  .strictObject({
    title: z.string().min(1).max(120),
    /** Extra text for screen readers, before the generated summary. */
    description: z.string().max(600).optional(),
    x: RangeSchema.optional(),
    y: RangeSchema.optional(),
    xLabel: z.string().min(1).max(60).default("x"),
    yLabel: z.string().min(1).max(60).default("y"),
    functions: z.array(PlotFunctionEntrySchema).max(6).default([]),
    series: z.array(PlotSeriesEntrySchema).max(6).default([]),
    marker: z.union([PlotMarkerSchema, z.array(PlotMarkerSchema).max(6)]).optional(),
    samples: z.number().int().min(2).max(1000).default(241),
  })
  .refine((s) => s.functions.length + s.series.length > 0, { message: "needs at least one of `functions` or `series`", path: ["functions"] })
  .refine((s) => s.functions.length + s.series.length <= 6, { message: "at most 6 curves per plot", path: ["series"] })
  .refine((s) => s.functions.length === 0 || s.x !== undefined, { message: "`functions` need an `x: [low, high]` range", path: ["x"] });
export type PlotSpec = z.infer<typeof PlotSpecSchema>;

/** A plot ready to draw: every curve sampled, ranges fixed. */
export interface PlotModel {
  title: string;
  description?: string;
  xLabel: string;
  yLabel: string;
  xRange: [number, number];
  yRange: [number, number];
  /** Points are [x, y]; a NaN y breaks the line. */
  curves: { label: string; points: [number, number][] }[];
  markers: { x: number; label?: string }[];
}
