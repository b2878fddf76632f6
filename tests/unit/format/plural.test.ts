import { describe, expect, it } from "vitest";
import { plural } from "@/lib/format/plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise, zero included", () => {
    expect(plural(1, "instructor")).toBe("1 instructor");
    expect(plural(0, "attempt")).toBe("0 attempts");
    expect(plural(2, "attempt")).toBe("2 attempts");
    expect(plural(24, "student")).toBe("24 students");
  });

  it("takes an irregular plural", () => {
    expect(plural(1, "query", "queries")).toBe("1 query");
    expect(plural(3, "query", "queries")).toBe("3 queries");
  });
});
