/** Rounds a figure for the JSON a bench prints. */
export const round = (x: number, d = 1) => Number(x.toFixed(d));

/** Runs `fn` once to warm up, then `runs` times, and reports the median and 95th percentile in ms. */
export async function measure(runs: number, fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const sorted = times.sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { n: runs, p50Ms: round(rank(0.5)), p95Ms: round(rank(0.95)) };
}
