import { describe, expect, it } from "vitest";
import { compactJson, MAX_SHOWN_ANSWER_CHARS } from "@/lib/format/compact-json";

describe("compactJson", () => {
  it("prints a small value on one line, as JSON", () => {
    expect(compactJson({ steps: "469", adam: ["m1", "m2"], n: 3, none: null })).toBe('{"steps": "469", "adam": ["m1", "m2"], "n": 3, "none": null}');
    expect(compactJson(null)).toBe("null");
  });

  it("cuts a large value at the budget, however deep (3000 or 100 000 levels)", () => {
    for (const levels of [3000, 100_000]) {
      const deep = JSON.parse(`{"q":${"[".repeat(levels)}${"]".repeat(levels)}}`);
      const shown = compactJson(deep);
      expect(shown.length).toBeLessThanOrEqual(MAX_SHOWN_ANSWER_CHARS + 1);
      expect(shown).toBe('{"q": [[[[[[…]]]]]]}');
    }
    const wide = compactJson({ q: "x".repeat(20_000) });
    expect(wide).toHaveLength(MAX_SHOWN_ANSWER_CHARS + 1);
    expect(wide.endsWith("…")).toBe(true);
    expect(compactJson(Array.from({ length: 100_000 }, (_, i) => i), 50)).toMatch(/^\[0, 1, 2, .*…$/);
    expect(compactJson(Array.from({ length: 100_000 }, (_, i) => i), 50)).toHaveLength(51);
  });
});
