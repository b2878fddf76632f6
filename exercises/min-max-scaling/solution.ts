export interface MinMaxStats {
  min: number[];
  max: number[];
}

/** Per-column minimum and maximum of x (one row per sample, one column per feature). */
export function fitMinMax(x: number[][]): MinMaxStats {
  const cols = x[0]?.length ?? 0;
  const min = new Array<number>(cols).fill(Number.POSITIVE_INFINITY);
  const max = new Array<number>(cols).fill(Number.NEGATIVE_INFINITY);
  for (const row of x) {
    for (let j = 0; j < cols; j++) {
      const v = row[j] ?? Number.NaN;
      if (v < (min[j] ?? 0)) min[j] = v;
      if (v > (max[j] ?? 0)) max[j] = v;
    }
  }
  return { min, max };
}

/** (x − min)/(max − min) per column with the given statistics; a column with max = min maps to 0. */
export function applyMinMax(x: number[][], stats: MinMaxStats): number[][] {
  return x.map((row) =>
    row.map((v, j) => {
      const lo = stats.min[j] ?? Number.NaN;
      const range = (stats.max[j] ?? Number.NaN) - lo;
      return range === 0 ? 0 : (v - lo) / range;
    }),
  );
}
