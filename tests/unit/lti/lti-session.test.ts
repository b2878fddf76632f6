import { describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/lti/launch/session";

describe("the session cookie a launch sets", () => {
  it("has the name next-auth reads: __Secure- over https", () => {
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
