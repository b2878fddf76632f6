import { describe, expect, it } from "vitest";
import { describeTimeZone, fromZonedInput, isValidTimeZone, toZonedInput } from "@/lib/courses/zoned-time";

describe("fromZonedInput", () => {
  it("reads a wall-clock time in winter and in summer with the zone's offset of that day", () => {
    expect(fromZonedInput("2026-01-15T13:00", "Europe/Berlin").toISOString()).toBe("2026-01-15T12:00:00.000Z");
    expect(fromZonedInput("2026-07-15T13:00", "Europe/Berlin").toISOString()).toBe("2026-07-15T11:00:00.000Z");
    expect(fromZonedInput("2026-07-15T13:00", "America/New_York").toISOString()).toBe("2026-07-15T17:00:00.000Z");
    expect(fromZonedInput("2026-07-15T13:00:30", "UTC").toISOString()).toBe("2026-07-15T13:00:30.000Z");
    expect(fromZonedInput("2026-07-15T13:00", "Asia/Kolkata").toISOString()).toBe("2026-07-15T07:30:00.000Z");
  });

  it("handles the minutes around the spring gap", () => {
    expect(fromZonedInput("2026-03-29T01:59", "Europe/Berlin").toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(fromZonedInput("2026-03-29T03:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("refuses a time the clocks skip, naming the problem", () => {
    expect(() => fromZonedInput("2026-03-29T02:30", "Europe/Berlin")).toThrow(
      "2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts",
    );
    expect(() => fromZonedInput("2026-03-08T02:15", "America/New_York")).toThrow(/does not exist in America\/New_York/);
  });

  it("takes the first occurrence of a time that happens twice in autumn", () => {
    // 02:30 in Berlin on 25 Oct 2026 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(fromZonedInput("2026-10-25T02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromZonedInput("2026-10-25T03:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  it("refuses malformed values, impossible dates and unknown zones", () => {
    expect(() => fromZonedInput("tomorrow", "UTC")).toThrow("must be a date and time like 2026-12-01T13:00");
    expect(() => fromZonedInput("2026-02-30T10:00", "UTC")).toThrow("2026-02-30T10:00 is not a real date and time");
    expect(() => fromZonedInput("2026-02-10T24:00", "UTC")).toThrow(/not a real date/);
    expect(() => fromZonedInput("2026-02-10T10:00", "Mars/Olympus")).toThrow('"Mars/Olympus" is not a known time zone');
  });

  it("round-trips with toZonedInput across a year of hours in several zones", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]) {
      for (let hour = 0; hour < 365 * 24; hour += 7) {
        const instant = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000);
        const local = toZonedInput(instant, zone);
        const back = fromZonedInput(local, zone);
        // An autumn hour that happens twice maps to its first occurrence: never later than the instant.
        expect(toZonedInput(back, zone)).toBe(local);
        expect(instant.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
      }
    }
  });
});

describe("toZonedInput, describeTimeZone, isValidTimeZone", () => {
  it("formats the wall clock as a datetime-local value", () => {
    expect(toZonedInput(new Date("2026-12-01T12:00:00Z"), "Europe/Berlin")).toBe("2026-12-01T13:00");
    expect(toZonedInput(new Date("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("2027-01-01T08:30");
  });

  it("names the zone with its offset at the given instant", () => {
    expect(describeTimeZone("Europe/Berlin", new Date("2026-01-15T12:00:00Z"))).toBe("Europe/Berlin (GMT+1)");
    expect(describeTimeZone("Europe/Berlin", new Date("2026-07-15T12:00:00Z"))).toBe("Europe/Berlin (GMT+2)");
  });

  it("knows IANA zones and nothing else", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
