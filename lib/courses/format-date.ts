/** A deadline as people read it, in the course's time zone, e.g. "Tue 1 Dec 2026, 13:00 CET". */
export function formatDeadline(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}
