import { describe, expect, it } from "vitest";
import { framingPolicy, readFrameOrigins, signFrameOrigins } from "@/lib/http/framing";

const SECRET = "framing-test-secret-0123456789abcdefghij";

describe("the frame cookie", () => {
  it("reads back the origins it was signed with", () => {
    const value = signFrameOrigins(["https://canvas.uni.edu", "https://moodle.uni.edu:8443"], SECRET);
    expect(readFrameOrigins(value, SECRET)).toEqual(["https://canvas.uni.edu", "https://moodle.uni.edu:8443"]);
  });

  it("names no origin when forged, tampered with, signed with another secret or malformed", () => {
    const value = signFrameOrigins(["https://canvas.uni.edu"], SECRET);
    const [, signature] = value.split(".");
    const forged = `${Buffer.from(JSON.stringify(["https://evil.example"])).toString("base64url")}.${signature}`;
    expect(readFrameOrigins(forged, SECRET)).toEqual([]);
    expect(readFrameOrigins(value, "another-secret-0123456789abcdefghijklmn")).toEqual([]);
    expect(readFrameOrigins(`${value}.extra`, SECRET)).toEqual([]);
    expect(readFrameOrigins("", SECRET)).toEqual([]);
    expect(readFrameOrigins(undefined, SECRET)).toEqual([]);
  });

  it("keeps only plain origins, and at most four", () => {
    const value = signFrameOrigins(["https://a.test", "javascript:alert(1)", "https://b.test 'unsafe-inline'", "https://c.test", "https://d.test", "https://e.test", "https://f.test"], SECRET);
    expect(readFrameOrigins(value, SECRET)).toEqual(["https://a.test", "https://c.test", "https://d.test", "https://e.test"]);
  });
});

describe("framingPolicy", () => {
  it("lets any LMS frame the LTI endpoints and pages", () => {
    expect(framingPolicy("/lti/launch", [])).toEqual({ frameAncestors: "*", denyFraming: false });
    expect(framingPolicy("/lti/deep-link/abc", [])).toEqual({ frameAncestors: "*", denyFraming: false });
  });

  it("lets only the launching LMS frame other pages, and nobody without a launch", () => {
    expect(framingPolicy("/courses/keras/exercises/adam", ["https://canvas.uni.edu"])).toEqual({ frameAncestors: "'self' https://canvas.uni.edu", denyFraming: false });
    expect(framingPolicy("/courses/keras/exercises/adam", [])).toEqual({ frameAncestors: "'none'", denyFraming: true });
    expect(framingPolicy("/ltifoo", [])).toEqual({ frameAncestors: "'none'", denyFraming: true });
  });
});
