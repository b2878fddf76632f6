import { describe, expect, it } from "vitest";
import { latePenaltyRate, latePenaltyRateShort } from "@/lib/scoring/late-policy-text";

describe("late penalty wording", () => {
  it("says what late-policy.ts charges: a share per started day", () => {
    expect(latePenaltyRate(20)).toBe("20 % per started day");
    expect(latePenaltyRate(12.5)).toBe("12.5 % per started day");
    expect(latePenaltyRateShort(20)).toBe("−20 % a day");
  });
});
