const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** True when `timeZone` is an IANA zone this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `instant` in `timeZone`, as a datetime-local value ("2026-03-29T14:05"). */
export function toZonedInput(instant: Date, timeZone: string): string {
  const parts = wallClockParts(instant, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local` ("YYYY-MM-DDTHH:mm[:ss]", a
 * datetime-local value). Throws a RangeError with a readable message for a malformed value, a date that
 * does not exist, or a time skipped when daylight saving time starts. A time that occurs twice (when
 * it ends) means its first occurrence.
 */
export function fromZonedInput(local: string, timeZone: string): Date {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known time zone`);
  const match = LOCAL_DATE_TIME.exec(local.trim());
  if (!match) throw new RangeError("must be a date and time like 2026-12-01T13:00");
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  if (
    month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 ||
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
  ) {
    throw new RangeError(`${local} is not a real date and time`);
  }
  // Zones change their offset at most once in any two days, so the offsets a day either side cover both candidates.
  const offsets = new Set([offsetMs(new Date(naive - DAY_MS), timeZone), offsetMs(new Date(naive + DAY_MS), timeZone)]);
  const matches = [...offsets]
    .map((offset) => naive - offset)
    .filter((candidate) => wallClockMs(new Date(candidate), timeZone) === naive)
    .sort((a, b) => a - b);
  if (matches.length === 0) {
    throw new RangeError(`${local.trim()} does not exist in ${timeZone}: the clocks skip it when daylight saving time starts`);
  }
  return new Date(matches[0]!);
}

/** How a zone is named next to a date input, e.g. "Europe/Berlin (GMT+1)" at the given instant. */
export function describeTimeZone(timeZone: string, at: Date = new Date()): string {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return name && name !== timeZone ? `${timeZone} (${name})` : timeZone;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockParts(instant: Date, timeZone: string): WallClock {
  const parts = wallClockFormatter(timeZone).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute"), second: value("second") };
}

function wallClockMs(instant: Date, timeZone: string): number {
  const p = wallClockParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: Date, timeZone: string): number {
  const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return wallClockMs(whole, timeZone) - whole.getTime();
}
