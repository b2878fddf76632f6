import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/courses/abc?x=1")).toBe("/courses/abc?x=1");
  });

  it("turns anything that could leave the site into /", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/a\nb", undefined, ["/x"], 7]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
