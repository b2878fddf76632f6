/** Axis arithmetic: "nice" tick positions and their labels. */

/** Round numbers (1, 2 or 5 × 10^k apart) covering [low, high], about `target` of them. */
export function niceTicks(low: number, high: number, target = 6): number[] {
  const raw = (high - low) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const first = Math.ceil(low / step - 1e-9);
  const ticks: number[] = [];
  // Multiplying from an integer index avoids the drift of repeated addition (0.30000000000000004).
  for (let k = first; k * step <= high + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** A short label for a tick: plain decimals in the everyday range, exponent notation outside it. */
export function formatTick(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential().replace(/\.?0+e/, "e").replace("e+", "e");
  return String(Number(value.toPrecision(6)));
}

/** Maps [d0, d1] onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}
