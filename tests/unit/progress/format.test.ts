import { describe, expect, it } from "vitest";
import { median } from "@/lib/progress/assignment-stats";
import { readableTag } from "@/lib/progress/dashboard-page";
import { formatDuration, formatGradingTime, formatLatency, formatShare } from "@/lib/progress/format";

describe("dashboard formatting", () => {
  it("writes durations at a readable grain", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(59.4)).toBe("59 s");
    expect(formatDuration(60)).toBe("1 min");
    expect(formatDuration(3599)).toBe("59 min");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3 h 05 min");
    expect(formatDuration(50 * 3600)).toBe("2 d 2 h");
  });

  it("writes a grading's duration in ms below a second, in tenths of seconds above", () => {
    expect(formatGradingTime(0)).toBe("0 ms");
    expect(formatGradingTime(140.4)).toBe("140 ms");
    expect(formatGradingTime(999)).toBe("999 ms");
    expect(formatGradingTime(2345)).toBe("2.3 s");
  });

  it("writes a latency in ms, seconds, then minutes; a dash when there is none", () => {
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(87)).toBe("87 ms");
    expect(formatLatency(1_250)).toBe("1.3 s");
    expect(formatLatency(125_000)).toBe("2 min");
  });

  it("writes shares as whole percentages and tags as words", () => {
    expect(formatShare(0.4)).toBe("40 %");
    expect(formatShare(1 / 3)).toBe("33 %");
    expect(readableTag("no-bias-correction")).toBe("no bias correction");
    expect(readableTag(null)).toBe("no misconception tag");
  });

  it("takes the median of odd and even counts, null for none", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
