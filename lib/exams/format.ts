const logTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant of an exam log to the second, in the course's time zone: "Mon 7 Dec, 09:00:12 CET". */
export function formatLogTime(date: Date, timeZone: string): string {
  let format = logTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    logTimeFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** A span of time as a clock: "4:05" (minutes and seconds), "1:02:03" past an hour; rounded down to the second. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A span of time in words: "45 s", "3 min 5 s", "2 h 10 min"; rounded to the second. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return total % 60 === 0 ? `${minutes} min` : `${minutes} min ${total % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
