import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/auth/callback-url";

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

describe("safeCallbackPath, percent-encoding (issue 13)", () => {
  it("percent-encodes a path that a Location header could not carry as it is", () => {
    expect(safeCallbackPath("/\u3000/x")).toBe("/%E3%80%80/x");
    expect(safeCallbackPath("/%E3%80%80/x")).toBe("/%E3%80%80/x");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "http://localhost:3113";
  it("keeps paths and URLs of the app's own origin", () => {
    expect(safeRedirectUrl("/courses/keras?x=1", base)).toBe("http://localhost:3113/courses/keras?x=1");
    expect(safeRedirectUrl("http://localhost:3113/courses", base)).toBe("http://localhost:3113/courses");
    expect(safeRedirectUrl("/\u3000/x", base)).toBe("http://localhost:3113/%E3%80%80/x");
  });

  it("sends anything else, URLs that do not parse included, to the home page without throwing", () => {
    for (const url of ["http://localhost:3113.evil.example/", "https://evil.example/", "//evil.example", "/\\evil.example", "http://localhost:3113@evil.example/", "javascript:alert(1)", "::"]) {
      expect(safeRedirectUrl(url, base)).toBe("http://localhost:3113/");
    }
  });
});
