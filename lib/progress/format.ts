/** A duration for people: "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** 0.4 → "40 %". */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** How long a grading took: "140 ms" below a second, "2.3 s" above. */
export function formatGradingTime(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A latency for people: "140 ms", "2.3 s", then minutes and hours as formatDuration; "—" when there is none. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 60_000 ? formatGradingTime(ms) : formatDuration(ms / 1000);
}
