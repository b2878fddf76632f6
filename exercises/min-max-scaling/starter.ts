import * as tf from "@tensorflow/tfjs";

/**
 * The minimum and maximum of every column (feature) of x.
 * x has one row per sample and at least one row. Plain loops or tfjs both work.
 */
export function fitMinMax(x: number[][]): { min: number[]; max: number[] } {
  // TODO: one min and one max per column, over all the rows.
  const cols = x[0]!.length;
  return { min: new Array(cols).fill(0), max: new Array(cols).fill(1) };
}

/**
 * Scale every column of x to (value − min) / (max − min) with statistics fitted earlier.
 * A column whose fitted max equals its min maps to 0; do not clip values outside the fitted range.
 */
export function applyMinMax(x: number[][], stats: { min: number[]; max: number[] }): number[][] {
  // TODO
  return x.map((row) => row.map((v) => v));
}
