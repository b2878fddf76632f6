/** Remaining time as the banner shows it: "29:58", or "1:05:09" from an hour on. */
export function clockText(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The spoken warning due when the remaining time crosses 5 minutes or 1 minute, else null. */
export function warningAt(previousMs: number, remainingMs: number): string | null {
  for (const [mark, text] of [
    [60_000, "1 minute left."],
    [5 * 60_000, "5 minutes left."],
  ] as const) {
    if (previousMs > mark && remainingMs <= mark && remainingMs > 0) return text;
  }
  return null;
}
