import { describe, expect, it } from "vitest";
import { cookieAttributes, readCookie } from "@/lib/lti/launch/cookies";

describe("LTI cookies", () => {
  it("are SameSite=None; Secure over https (the LMS frame is cross-site) and Lax over http", () => {
    expect(cookieAttributes(true, 600)).toBe("Path=/; HttpOnly; Max-Age=600; SameSite=None; Secure");
    expect(cookieAttributes(false, 600)).toBe("Path=/; HttpOnly; Max-Age=600; SameSite=Lax");
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; tg-lti-state-x=x; b=2", "tg-lti-state-x")).toBe("x");
    expect(readCookie("a=1", "tg-lti-state-x")).toBeUndefined();
    expect(readCookie(null, "a")).toBeUndefined();
  });
});
