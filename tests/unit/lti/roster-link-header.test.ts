import { describe, expect, it } from "vitest";
import { nextLink } from "@/lib/lti/roster/link-header";

const base = "https://lms.example/api/lti/courses/7/names_and_roles?rlid=1";

describe("the next page of an NRPS membership container (Link header)", () => {
  it("finds rel=next among several links, quoted or bare, in any order", () => {
    expect(nextLink('<https://lms.example/m?page=2>; rel="next"', base)).toBe("https://lms.example/m?page=2");
    expect(
      nextLink('<https://lms.example/m?page=1>; rel="current", <https://lms.example/m?page=1>; rel="first",<https://lms.example/m?page=3>; rel=next, <https://lms.example/m?page=9>; rel="last"', base),
    ).toBe("https://lms.example/m?page=3");
    expect(nextLink('<https://lms.example/m?page=4>; title="a, b; c"; REL="prev next"', base)).toBe("https://lms.example/m?page=4");
  });

  it("resolves a relative URL against the page it came with", () => {
    expect(nextLink('</api/lti/courses/7/names_and_roles?page=2>; rel="next"', base)).toBe("https://lms.example/api/lti/courses/7/names_and_roles?page=2");
    expect(nextLink('<?page=2&per_page=10>; rel="next"', base)).toBe("https://lms.example/api/lti/courses/7/names_and_roles?page=2&per_page=10");
  });

  it("has no next page without a header, without rel=next, or with a rel that merely contains 'next'", () => {
    expect(nextLink(null, base)).toBeNull();
    expect(nextLink("", base)).toBeNull();
    expect(nextLink('<https://lms.example/m?page=1>; rel="prev"', base)).toBeNull();
    expect(nextLink('<https://lms.example/m?page=2>; rel="nextpage"', base)).toBeNull();
    expect(nextLink('<https://lms.example/m?page=2>; anchor="next"', base)).toBeNull();
  });
});
