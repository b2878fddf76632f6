const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The one way an instant is shown to people: in the course's time zone, with the zone's name, e.g.
 * "Mon 7 Dec 2026, 09:00 CET" (and "CEST" in summer).
 */
export function formatDateTime(date: Date, timeZone: string): string {
  return dateTimeFormat(timeZone).format(date);
}

/** Kept for the pages that print deadlines: the same formatter as formatDateTime. */
export const formatDeadline = formatDateTime;

const relativeFormat = new Intl.RelativeTimeFormat("en-GB", { numeric: "always" });

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** How far `date` is from `now` in words: "in 3 days", "2 hours ago", "now". */
export function formatRelative(date: Date, now: Date): string {
  const ms = date.getTime() - now.getTime();
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes === 0) return "now";
  if (Math.abs(minutes) < 60) return relativeFormat.format(minutes, "minute");
  const hours = Math.round(ms / HOUR_MS);
  if (Math.abs(hours) < 24) return relativeFormat.format(hours, "hour");
  const days = Math.round(ms / DAY_MS);
  if (Math.abs(days) < 31) return relativeFormat.format(days, "day");
  const months = Math.round(ms / (DAY_MS * 30.44));
  if (Math.abs(months) < 12) return relativeFormat.format(months, "month");
  return relativeFormat.format(Math.round(ms / (DAY_MS * 365.25)), "year");
}

/** formatDateTime with how far away it is, e.g. "Mon 7 Dec 2026, 09:00 CET (in 3 days)". */
export function formatDateTimeFromNow(date: Date, timeZone: string, now: Date): string {
  return `${formatDateTime(date, timeZone)} (${formatRelative(date, now)})`;
}
