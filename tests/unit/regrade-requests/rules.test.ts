import { describe, expect, it } from "vitest";
import { QueueFiltersSchema, RegradeMessageSchema, RegradeResponseSchema } from "@/lib/regrade-requests/rules";

describe("the regrade queue's filters", () => {
  it("default to the open requests, with no other filter", () => {
    expect(QueueFiltersSchema.parse({})).toEqual({ status: "open" });
  });

  it("read each filter, trimmed", () => {
    const id = "7c1e9a3b-2d4f-4a6b-8c9d-0e1f2a3b4c5d";
    expect(QueueFiltersSchema.parse({ status: "resolved", assessment: id, exercise: " adam ", student: "  lea@example.org " })).toEqual({
      status: "resolved",
      assessment: id,
      exercise: "adam",
      student: "lea@example.org",
    });
  });

  it("fall back to their defaults on what they cannot read, instead of failing the page", () => {
    expect(QueueFiltersSchema.parse({ status: "closed", assessment: "not-an-id", exercise: "", student: "x".repeat(201) })).toEqual({ status: "open" });
  });
});

describe("a request's message and staff's response", () => {
  it("are trimmed and hold 1 to 2000 characters", () => {
    expect(RegradeMessageSchema.parse("  Test 3?  ")).toBe("Test 3?");
    expect(RegradeMessageSchema.safeParse(" \n ").success).toBe(false);
    expect(RegradeMessageSchema.safeParse("x".repeat(2000)).success).toBe(true);
    expect(RegradeMessageSchema.safeParse("x".repeat(2001)).error?.issues[0]?.message).toBe("must be at most 2000 characters");
    expect(RegradeResponseSchema.safeParse("").error?.issues[0]?.message).toBe("give the student an answer");
  });
});
