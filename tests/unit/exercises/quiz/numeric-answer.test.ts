import { describe, expect, it } from "vitest";
import { parseNumericAnswer, withinTolerance } from "@/lib/exercises/quiz";

describe("parseNumericAnswer", () => {
  it.each([
    ["1875", 1875],
    [" 1875 ", 1875],
    ["-0.25", -0.25],
    ["+3", 3],
    [".5", 0.5],
    ["5.", 5],
    ["2.5e-3", 0.0025],
    ["1E6", 1e6],
    ["\u22120.5", -0.5],
    ["60 000", 60000],
    ["18\u202f750", 18750],
  ])("reads %j as %d", (text, value) => {
    expect(parseNumericAnswer(text)).toEqual({ ok: true, value });
  });

  it.each(["1,875", "1.875,5", "", "   ", "abc", "0x10", "1/4", "25%", "Infinity", "NaN", "1e400", "1 2", "6000 0", "--1", "1e"])(
    "refuses %j with a message",
    (text) => {
      const result = parseNumericAnswer(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    },
  );

  it("explains commas", () => {
    expect(parseNumericAnswer("1,875")).toMatchObject({ ok: false, message: expect.stringMatching(/comma/) });
  });

  it("names both readings of a number with one comma rather than guessing", () => {
    expect(parseNumericAnswer("115,056")).toEqual({
      ok: false,
      message: '"115,056" has a comma, which could mean 115056 or 115.056: write it without the comma (use a point for decimals and no thousands separator).',
    });
    expect(parseNumericAnswer("-2,5")).toMatchObject({ ok: false, message: expect.stringContaining("-25 or -2.5") });
  });

  it("asks for the number alone when a unit follows it", () => {
    expect(parseNumericAnswer("35 epochs")).toEqual({ ok: false, message: 'Write only the number, without a unit: 35 rather than "35 epochs".' });
    expect(parseNumericAnswer("1.5e3steps")).toMatchObject({ ok: false, message: expect.stringContaining(": 1.5e3 rather than") });
  });

  it("takes finite numbers and refuses the others", () => {
    expect(parseNumericAnswer(0.25)).toEqual({ ok: true, value: 0.25 });
    expect(parseNumericAnswer(Number.NaN).ok).toBe(false);
    expect(parseNumericAnswer(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
});

describe("withinTolerance", () => {
  it("passes exactly on the atol + rtol·|b| edge and fails just past it", () => {
    expect(withinTolerance(1.5, 1, 0.5, 0)).toBe(true);
    expect(withinTolerance(1.5000001, 1, 0.5, 0)).toBe(false);
    expect(withinTolerance(110, 100, 0, 0.1)).toBe(true);
    expect(withinTolerance(90, 100, 0, 0.1)).toBe(true);
    expect(withinTolerance(110.01, 100, 0, 0.1)).toBe(false);
    expect(withinTolerance(-110, -100, 0, 0.1)).toBe(true);
    expect(withinTolerance(1.25, 1, 0.125, 0.125)).toBe(true);
  });

  it("never passes NaN or infinities", () => {
    expect(withinTolerance(Number.NaN, Number.NaN, 1, 1)).toBe(false);
    expect(withinTolerance(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1, 1)).toBe(false);
    expect(withinTolerance(Number.POSITIVE_INFINITY, 1, Number.POSITIVE_INFINITY, 0)).toBe(false);
  });
});
