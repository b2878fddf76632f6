import { describe, expect, it } from "vitest";
import { clockText, warningAt } from "@/app/_components/exam/clock-text";

describe("clockText", () => {
  it("shows minutes and seconds, rounding the remaining time up, and hours from an hour on", () => {
    expect(clockText(30 * 60_000)).toBe("30:00");
    expect(clockText(29 * 60_000 + 58_001)).toBe("29:59");
    expect(clockText(29 * 60_000 + 58_000)).toBe("29:58");
    expect(clockText(999)).toBe("00:01");
    expect(clockText(0)).toBe("00:00");
    expect(clockText(-5_000)).toBe("00:00");
    expect(clockText(3_909_000)).toBe("1:05:09");
  });
});

describe("warningAt", () => {
  it("warns once as the time crosses 5 minutes and 1 minute, not at zero", () => {
    expect(warningAt(5 * 60_000 + 400, 5 * 60_000 - 100)).toBe("5 minutes left.");
    expect(warningAt(5 * 60_000 - 100, 5 * 60_000 - 600)).toBeNull();
    expect(warningAt(60_500, 59_900)).toBe("1 minute left.");
    expect(warningAt(400, 0)).toBeNull();
    expect(warningAt(10 * 60_000, 9 * 60_000)).toBeNull();
  });
});
