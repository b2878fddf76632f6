import { describe, expect, it } from "vitest";
import { formatDateTime, formatDateTimeFromNow, formatRelative } from "@/lib/courses/format-date";

describe("formatDateTime", () => {
  it("shows an instant in the course's zone, not in UTC or ISO form", () => {
    // The example: 08:00 UTC on 7 Dec 2026 is 09:00 in a Europe/Berlin course.
    const text = formatDateTime(new Date("2026-12-07T08:00:00.000Z"), "Europe/Berlin");
    expect(text).toBe("Mon, 7 Dec 2026, 09:00 CET");
    expect(text).not.toContain("T08:00");
  });

  it("follows daylight saving time: the same UTC hour is 10:00 CEST in July", () => {
    expect(formatDateTime(new Date("2026-07-07T08:00:00Z"), "Europe/Berlin")).toBe("Tue, 7 Jul 2026, 10:00 CEST");
  });

  it("crosses the DST switch on 29 Mar 2026 (01:00 UTC) by an hour", () => {
    expect(formatDateTime(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin")).toBe("Sun, 29 Mar 2026, 01:59 CET");
    expect(formatDateTime(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe("Sun, 29 Mar 2026, 03:00 CEST");
  });

  it("moves the calendar day with the zone and uses a 24-hour clock", () => {
    const instant = new Date("2026-12-07T03:30:00Z");
    expect(formatDateTime(instant, "America/New_York")).toBe("Sun, 6 Dec 2026, 22:30 GMT-5");
    expect(formatDateTime(instant, "UTC")).toBe("Mon, 7 Dec 2026, 03:30 UTC");
    expect(formatDateTime(new Date("2026-12-06T23:00:00Z"), "Europe/Berlin")).toBe("Mon, 7 Dec 2026, 00:00 CET");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  const later = (ms: number) => new Date(now.getTime() + ms);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it.each([
    [0, "now"],
    [20 * 1000, "now"],
    [5 * MIN, "in 5 minutes"],
    [-1 * MIN, "1 minute ago"],
    [59 * MIN, "in 59 minutes"],
    [3 * HOUR, "in 3 hours"],
    [-2 * HOUR, "2 hours ago"],
    [1 * DAY, "in 1 day"],
    [3 * DAY, "in 3 days"],
    [-3 * DAY - 2 * HOUR, "3 days ago"],
    [30 * DAY, "in 30 days"],
    [60 * DAY, "in 2 months"],
    [-400 * DAY, "1 year ago"],
  ])("%d ms from now reads %s", (ms, phrase) => {
    expect(formatRelative(later(ms), now)).toBe(phrase);
  });

  it("puts the relative phrase beside the zoned date", () => {
    expect(formatDateTimeFromNow(new Date("2026-12-07T08:00:00Z"), "Europe/Berlin", new Date("2026-12-04T08:00:00Z"))).toBe(
      "Mon, 7 Dec 2026, 09:00 CET (in 3 days)",
    );
  });
});
